package io.pollen.examples;

import io.pollen.codec.json.JsonMessage;
import io.pollen.examples.server.ExampleServer;
import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.examples.server.HmacHelloAuthenticator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example server with a hello secret ({@code POLLEN_HELLO_SECRET}), over loopback sockets on every
 * backend: a hello claiming an id needs the HMAC token of that id, else {@code unauthorized} and close.
 */
@OnEveryBackend
class ExampleServerHelloSecretTest {
    private static final String SECRET = "correct horse battery staple";

    private final String backend;

    ExampleServerHelloSecretTest(String backend) {
        this.backend = backend;
    }

    private ExampleServer start() throws IOException {
        return ExampleServer.start(new ExampleServerConfig().backend(backend).address(new InetSocketAddress("127.0.0.1", 0))
                .httpAddress(null).threads(1).helloSecret(SECRET));
    }

    @Test
    void theTokenIsTheLowerCaseHexHmacSha256OfTheIdUnderTheSecret() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(HmacHelloAuthenticator.token("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aHelloWithTheIdsTokenIsWelcomed() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-42\",\"token\":\"" + HmacHelloAuthenticator.token(SECRET, "c-42") + "\"}");

            assertThat(client.read()).isEqualTo("{\"type\":\"welcome\",\"session\":\"c-42\",\"keepalive_ms\":30000}");
        }
    }

    @Test
    void aHelloWithAnotherIdsTokenIsUnauthorizedAndClosedLeavingTheHolderAlone() throws IOException {
        try (ExampleServer server = start();
             WireClient holder = new WireClient(server.address());
             WireClient intruder = new WireClient(server.address())) {
            holder.send("{\"type\":\"hello\",\"id\":\"c-1\",\"token\":\"" + HmacHelloAuthenticator.token(SECRET, "c-1") + "\"}");
            assertThat(holder.readMessage().type()).isEqualTo("welcome");

            intruder.send("{\"type\":\"hello\",\"id\":\"c-1\",\"token\":\"" + HmacHelloAuthenticator.token(SECRET, "c-2") + "\"}");

            assertUnauthorizedAndClosed(intruder);
            holder.send("{\"type\":\"ping\",\"seq\":1}");
            assertThat(holder.read()).isEqualTo("{\"type\":\"pong\",\"seq\":1}");
        }
    }

    @Test
    void aHelloWithoutATokenIsUnauthorizedAndClosed() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-42\"}");

            assertUnauthorizedAndClosed(client);
        }
    }

    @Test
    void aHelloClaimingNoIdNeedsNoTokenAndKeepsTheAssignedId() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\"}");

            JsonMessage welcome = client.readMessage();
            assertThat(welcome.type()).isEqualTo("welcome");
            assertThat(welcome.getString("session")).startsWith("s-");
        }
    }

    private static void assertUnauthorizedAndClosed(WireClient client) throws IOException {
        JsonMessage refusal = client.readMessage();
        assertThat(refusal.type()).isEqualTo("error");
        assertThat(refusal.getString("code")).isEqualTo("unauthorized");
        assertThat(client.closedByServer()).isTrue();
    }
}
