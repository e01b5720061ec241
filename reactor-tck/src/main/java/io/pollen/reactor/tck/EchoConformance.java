package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes in, the same bytes out, over real loopback sockets, with both kinds of peer. */
public abstract class EchoConformance extends ConformanceTest {

    /** @param backend the backend under test */
    protected EchoConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void echoesEveryMessageOfABlockingClient() {
        Listener listener = listenOnLoopback(reactor(), EchoHandler::new);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            for (int i = 0; i < 200; i++) {
                String message = "message number " + i;
                client.send(message);
                assertThat(client.readString(message.length())).isEqualTo(message);
            }
        }
    }

    @Test
    void everyCallbackOfAConnectionRunsOnItsOneLoopThread() throws Exception {
        ThreadRecordingEcho server = new ThreadRecordingEcho();
        Listener listener = listenOnLoopback(reactor(), () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            for (int i = 0; i < 20; i++) {
                client.send("x");
                client.readExactly(1);
            }
        }
        server.closed.get(30, TimeUnit.SECONDS);
        assertThat(server.threads).hasSize(1);
        assertThat(server.threads.iterator().next()).startsWith("tck-" + backend.alias() + "-loop-");
    }

    @Test
    void clientConnectionsOfTheReactorTalkToItsOwnServer() throws Exception {
        Reactor reactor = reactor();
        Listener listener = listenOnLoopback(reactor, EchoHandler::new);
        RecordingHandler client = new RecordingHandler();
        Connection connection = reactor.connect(listener.localAddress(), client).get(30, TimeUnit.SECONDS);

        assertThat(client.opened).isCompletedWithValue(connection);
        connection.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
        Await.until("the echo", () -> client.receivedCount() == 5);
        assertThat(new String(client.received(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(connection.remoteAddress()).isEqualTo(listener.localAddress());
    }

    /** Echoes and notes the name of every thread a callback ran on. */
    private static final class ThreadRecordingEcho extends RecordingHandler {
        final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void onOpen(Connection connection) {
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            threads.add(Thread.currentThread().getName());
            connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            threads.add(Thread.currentThread().getName());
            super.onClose(connection, cause);
        }
    }

    @Test
    void connectingToAClosedPortFailsWithTheAddressInTheMessage() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", port);
        CompletableFuture<Connection> future = reactor().connect(nobody, new RecordingHandler());

        assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ConnectException.class).hasMessageContaining(String.valueOf(port));
    }
}
