package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.reactor.ErrorCode;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may take which id with {@code hello}, over real sockets on every backend: a server-assigned id
 * never, a client-claimed one by replacing its holder, and nothing the hello authenticator refuses.
 */
@OnEveryBackend
@ExtendWith(DescriptorLeakCheck.class)
class HelloClaimTest {
    private final String backend;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final SessionHandler recordingCloses = new SessionHandler() {
        @Override
        public void onMessage(Session session, JsonMessage message) {
        }

        @Override
        public void onSessionClosed(Session session, Throwable cause) {
            closed.add(session.id());
        }
    };

    HelloClaimTest(String backend) {
        this.backend = backend;
    }

    private SessionServer start(Consumer<SessionServerBuilder> settings) throws IOException {
        SessionServerBuilder builder = SessionServer.builder().reactor(r -> r.backend(backend).threads(2))
                .address(new InetSocketAddress("127.0.0.1", 0)).handler(recordingCloses);
        settings.accept(builder);
        SessionServer server = builder.build();
        resources.add(server);
        return server;
    }

    private NetstringClient client(SessionServer server) {
        NetstringClient client = NetstringClient.connect(server.localAddress());
        resources.add(client);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void anIdTheServerAssignedCannotBeClaimedAndBothConnectionsStayOpen() throws IOException {
        SessionServer server = start(b -> { });
        NetstringClient victim = client(server);
        Await.until("the first session", () -> server.registry().size() == 1);
        String assigned = server.registry().page(null, 1).get(0).id();
        assertThat(assigned).startsWith(SessionTable.ASSIGNED_ID_PREFIX);
        NetstringClient attacker = client(server);

        String reply = attacker.hello(assigned);

        assertThat(reply).contains("\"type\":\"error\"", "\"code\":\"id_taken\"");
        assertThat(server.metrics().errors(ErrorCode.ID_TAKEN)).isEqualTo(1);
        victim.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(victim.readFrame()).as("the holder of the assigned id is untouched").contains("pong");
        attacker.send("{\"type\":\"ping\",\"seq\":2}");
        assertThat(attacker.readFrame()).as("the refused claimant stays open").contains("pong");
        assertThat(server.registry().find(assigned)).get().matches(Session::isOpen);
        assertThat(server.registry().size()).isEqualTo(2);
        assertThat(closed).isEmpty();
    }

    @Test
    void aFreeIdInTheServersNamespaceCannotBeClaimedEither() throws IOException {
        // A free s-N is the id of a connection yet to come: taking it now would collide later.
        SessionServer server = start(b -> { });
        NetstringClient client = client(server);

        assertThat(client.hello(SessionTable.ASSIGNED_ID_PREFIX + "999999")).contains("\"code\":\"id_taken\"");
        assertThat(client.hello("c-1")).contains("\"type\":\"welcome\"", "\"session\":\"c-1\"");
    }

    @Test
    void anIdAClientClaimedCanBeReplacedByANewConnection() throws IOException {
        SessionServer server = start(b -> { });
        NetstringClient halfOpen = client(server);
        halfOpen.hello("c-7");
        NetstringClient reconnected = client(server);

        assertThat(reconnected.hello("c-7")).contains("\"type\":\"welcome\"", "\"session\":\"c-7\"");

        assertThat(halfOpen.closedByServer()).isTrue();
        Await.until("the replaced session's close", () -> closed.contains("c-7"));
        assertThat(server.registry().size()).isEqualTo(1);
    }

    @Test
    void aHelloTheAuthenticatorRefusesIsAnsweredUnauthorizedAndClosedWithoutTakingTheId() throws IOException {
        List<String> asked = new CopyOnWriteArrayList<>();
        HelloAuthenticator onlyWithPassword = (String claimedId, JsonMessage hello, SocketAddress remote) -> {
            asked.add(claimedId + "@" + (remote != null) + ":" + Thread.currentThread().getName());
            return "open sesame".equals(hello.getString("password", null));
        };
        SessionServer server = start(b -> b.helloAuthenticator(onlyWithPassword));
        NetstringClient holder = client(server);
        holder.send("{\"type\":\"hello\",\"id\":\"c-9\",\"password\":\"open sesame\"}");
        assertThat(holder.readFrame()).contains("\"type\":\"welcome\"", "\"session\":\"c-9\"");
        NetstringClient intruder = client(server);

        intruder.send("{\"type\":\"hello\",\"id\":\"c-9\",\"password\":\"guess\"}");

        assertThat(intruder.readFrame()).contains("\"type\":\"error\"", "\"code\":\"unauthorized\"");
        assertThat(intruder.closedByServer()).isTrue();
        assertThat(server.metrics().errors(ErrorCode.UNAUTHORIZED)).isEqualTo(1);
        holder.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(holder.readFrame()).as("the refused hello displaced nobody").contains("pong");
        assertThat(server.registry().find("c-9")).get().matches(Session::isOpen);
        assertThat(asked).hasSize(2).allSatisfy(call -> assertThat(call).startsWith("c-9@true:"));
        assertThat(asked).as("asked on a loop thread").allSatisfy(call -> assertThat(call).doesNotContain(":main"));
    }

    @Test
    void aSessionClientSendsItsHelloTokenForTheAuthenticatorToCheck() throws Exception {
        HelloAuthenticator tokenOfTheId = (claimedId, hello, remote) -> ("proof-of-" + claimedId).equals(hello.getString("token", null));
        SessionServer server = start(b -> b.helloAuthenticator(tokenOfTheId));
        SessionClient client = SessionClient.builder().remote(server.localAddress()).id("c-11").helloToken("proof-of-c-11")
                .reconnect(false).build();
        resources.add(client);

        Await.until("the welcome", client::isConnected);
        assertThat(client.sessionId()).isEqualTo("c-11");
        assertThat(server.metrics().errors(ErrorCode.UNAUTHORIZED)).isZero();
    }

    @Test
    void aHelloTokenWithoutAnIdIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> SessionClient.builder()
                        .remote(new InetSocketAddress("127.0.0.1", 7000)).helloToken("proof").conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("helloToken is set without an id");
    }
}
