package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.tck.Await;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The client over real loopback sockets: keep-alives, and reconnecting after a server restart. */
@OnEveryBackend
class SessionClientTest {
    private final String backend;

    SessionClientTest(String backend) {
        this.backend = backend;
    }

    private SessionServer server(int port) throws Exception {
        return SessionServer.builder()
                .reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", port))
                .keepAlive(k -> k.interval(Duration.ofMillis(400)).misses(2))
                .handler((session, message) -> session.send(message.payload()))
                .build();
    }

    @Test
    void automaticKeepAlivesKeepTheSessionHealthyAndRepliesArrive() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (SessionServer server = server(0);
             SessionClient client = SessionClient.builder().remote(server.localAddress()).id("keeper")
                     .keepAliveInterval(Duration.ofMillis(100))
                     .handler(new ClientHandler() {
                         @Override
                         public void onMessage(SessionClient c, JsonMessage message) {
                             received.add(message.toString());
                         }
                     }).build()) {
            Await.until("the welcome", client::isConnected);
            Session session = server.registry().find("keeper").orElseThrow();
            // Several keep-alive limits pass; only the client's keep-alives keep the session open.
            Await.until("ten keep-alives", () -> session.counters().framesIn() > 10);
            assertThat(session.isOpen()).isTrue();
            assertThat(server.metrics().timeouts()).isZero();

            assertThat(client.send("{\"type\":\"echo\",\"n\":1}")).isEqualTo(SendResult.QUEUED);
            Await.until("the echo", () -> received.contains("{\"type\":\"echo\",\"n\":1}"));
        }
    }

    @Test
    void theClientReconnectsAfterTheServerRestarts() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        SessionServer first = server(0);
        int port = first.localAddress().getPort();
        try (SessionClient client = SessionClient.builder().remote(first.localAddress()).id("phoenix")
                .keepAliveInterval(Duration.ofMillis(100))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .handler(new ClientHandler() {
                    @Override
                    public void onWelcome(SessionClient c, String sessionId) {
                        events.add("welcome:" + sessionId);
                    }

                    @Override
                    public void onDisconnected(SessionClient c, Throwable cause) {
                        events.add("lost");
                    }
                }).build()) {
            Await.until("the first welcome", () -> events.contains("welcome:phoenix"));
            first.close();
            Await.until("the loss", () -> events.contains("lost"));
            Await.until("a failed attempt while the server is down", () -> client.failedAttempts() > 0);

            try (SessionServer second = server(port)) {
                Await.until("the session on the restarted server", () -> second.registry().find("phoenix").isPresent());
                Await.until("the client to see itself connected", client::isConnected);
                Await.until("the second welcome", () -> events.lastIndexOf("welcome:phoenix") > events.indexOf("lost"));
                assertThat(events).containsSubsequence("welcome:phoenix", "lost", "welcome:phoenix");
            }
        }
    }
}
