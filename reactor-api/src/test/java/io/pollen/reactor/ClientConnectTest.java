package io.pollen.reactor;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client connect, from the caller's future to the handler's first callback. */
class ClientConnectTest {
    private Reactor reactor;

    @AfterEach
    void shutDown() {
        if (reactor != null) {
            reactor.shutdown(Duration.ofSeconds(5));
        }
    }

    /** Records callbacks and the moment the connect future completes, in one list. */
    static final class Recorder implements ConnectionHandler {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        RuntimeException failOnOpen;

        @Override
        public void onOpen(Connection connection) {
            events.add("onOpen");
            if (failOnOpen != null) {
                throw failOnOpen;
            }
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            events.add("onClose");
            closed.complete(cause);
        }
    }

    @Test
    void theFutureCompletesAfterOnOpenAndTheTargetOutlivesTheSocket() throws Exception {
        reactor = SelectorTestPoller.startReactor(Reactor.builder().threads(1));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = (InetSocketAddress) server.getLocalSocketAddress();
            Recorder handler = new Recorder();

            Connection connection = reactor.connect(target, handler)
                    .whenComplete((c, failure) -> handler.events.add("future"))
                    .get(10, TimeUnit.SECONDS);
            connection.abort();
            handler.closed.get(10, TimeUnit.SECONDS);

            assertThat(handler.events).containsExactly("onOpen", "future", "onClose");
            assertThat(connection.remoteAddress()).isEqualTo(target);
        }
    }

    @Test
    void aRefusedConnectNamesItsTarget() throws Exception {
        reactor = SelectorTestPoller.startReactor(Reactor.builder().threads(1));
        InetSocketAddress nobody;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        Recorder handler = new Recorder();

        assertThatThrownBy(() -> reactor.connect(nobody, handler).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ConnectException.class).hasMessageStartingWith("connect to " + nobody);
        assertThat(handler.events).as("no callback for a connection that never opened").isEmpty();
    }

    @Test
    void aConnectNeverReportedDoneTimesOutAndIsReleased() throws Exception {
        reactor = TestBackend.start(Reactor.builder().threads(1).connectTimeout(Duration.ofMillis(100)),
                "deaf-to-connects", () -> new DeafToConnects(SelectorTestPoller.open()));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = (InetSocketAddress) server.getLocalSocketAddress();
            Recorder handler = new Recorder();

            assertThatThrownBy(() -> reactor.connect(target, handler).get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(ConnectException.class)
                    .hasMessage("connect to " + target + " timed out after 100 ms");
            assertThat(handler.events).isEmpty();
        }
    }

    @Test
    void aHandlerThatThrowsInOnOpenFailsTheFutureWithItsException() throws Exception {
        reactor = SelectorTestPoller.startReactor(Reactor.builder().threads(1));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Recorder handler = new Recorder();
            handler.failOnOpen = new IllegalStateException("no session store");

            assertThatThrownBy(() -> reactor.connect((InetSocketAddress) server.getLocalSocketAddress(), handler)
                    .get(10, TimeUnit.SECONDS))
                    .cause().isSameAs(handler.failOnOpen);
            assertThat(handler.closed.get(10, TimeUnit.SECONDS)).isSameAs(handler.failOnOpen);
            assertThat(handler.events).containsExactly("onOpen", "onClose");
        }
    }

    /** Never reports a connect as done, as if the peer's answer were lost. */
    private static final class DeafToConnects implements Poller {
        private final Poller delegate;

        DeafToConnects(Poller delegate) {
            this.delegate = delegate;
        }

        @Override
        public void register(SelectableChannel channel, int token, int interest) throws IOException {
            delegate.register(channel, token, interest & ~Interest.CONNECT);
        }

        @Override
        public void modify(int token, int interest) throws IOException {
            delegate.modify(token, interest & ~Interest.CONNECT);
        }

        @Override
        public void deregister(int token) throws IOException {
            delegate.deregister(token);
        }

        @Override
        public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
            return delegate.poll(timeoutNanos, handler);
        }

        @Override
        public void wakeup() {
            delegate.wakeup();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
