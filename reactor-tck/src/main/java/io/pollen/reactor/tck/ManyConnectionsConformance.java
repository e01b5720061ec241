package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Thousands of connections open at once, each served correctly. */
public abstract class ManyConnectionsConformance extends ConformanceTest {
    private static final int WANTED_CONNECTIONS = 2000;

    /** @param backend the backend under test */
    protected ManyConnectionsConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void servesTwoThousandConcurrentConnections() throws Exception {
        int n = backend.connectionBudget(WANTED_CONNECTIONS);
        Reactor server = reactor();
        Listener listener = listenOnLoopback(server, EchoHandler::new);
        Reactor clients = reactor();

        List<RecordingHandler> handlers = new ArrayList<>();
        List<CompletableFuture<Connection>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordingHandler handler = new RecordingHandler();
            handlers.add(handler);
            futures.add(clients.connect(listener.localAddress(), handler));
        }
        List<Connection> connections = new ArrayList<>();
        for (CompletableFuture<Connection> f : futures) {
            connections.add(f.get(60, TimeUnit.SECONDS));
        }
        Await.until(n + " server-side connections", () -> server.metrics().openConnections() == n);

        for (int i = 0; i < n; i++) {
            connections.get(i).write(ByteBuffer.wrap(("client-" + i).getBytes(StandardCharsets.US_ASCII)));
        }
        for (int i = 0; i < n; i++) {
            RecordingHandler handler = handlers.get(i);
            String expected = "client-" + i;
            Await.until("echo " + i, () -> handler.receivedCount() >= expected.length());
            assertThat(new String(handler.received(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
        assertThat(server.metrics().acceptedConnections()).isEqualTo(n);

        connections.forEach(Connection::close);
        Await.until("every server-side connection to close", () -> server.metrics().openConnections() == 0);
    }
}
