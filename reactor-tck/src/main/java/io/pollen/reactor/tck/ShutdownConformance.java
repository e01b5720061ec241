package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Graceful shutdown: stop accepting, drain queued writes up to a deadline, release everything. */
public abstract class ShutdownConformance extends ConformanceTest {
    private static final int PAYLOAD = 8 * 1024 * 1024;

    /** @param backend the backend under test */
    protected ShutdownConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void shutdownDrainsQueuedWritesAndThenClosesEverything() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.maxPendingWriteBytes(2L * PAYLOAD));
        Listener listener = listenOnLoopback(reactor, () -> server);
        InetSocketAddress address = listener.localAddress();
        try (BlockingClient client = BlockingClient.connect(address)) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            assertThat(connection.write(ByteBuffer.allocate(PAYLOAD))).matches(r -> r.isQueued());

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> reactor.shutdown(Duration.ofSeconds(30)));
            assertThat(client.readToEnd()).hasSize(PAYLOAD);
            assertThat(drained.get(60, TimeUnit.SECONDS)).as("drained before the deadline").isTrue();
        }
        assertThat(server.closed.get(30, TimeUnit.SECONDS)).isNull();
        assertThat(refusesConnections(address)).as("the listening socket is closed").isTrue();
    }

    @Test
    @SuppressWarnings("try") // the peer only has to exist (and be closed afterwards), not to act
    void theDeadlineAbortsConnectionsWhosePeerDoesNotRead() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.maxPendingWriteBytes(4L * PAYLOAD));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            connection.write(ByteBuffer.allocate(4 * PAYLOAD - 1));

            assertThat(reactor.shutdown(Duration.ofMillis(300))).as("drained").isFalse();

            assertThat(server.closed.get(30, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
            assertThat(reactor.metrics().openConnections()).isZero();
        }
    }

    @Test
    void aShutDownReactorRefusesNewWork() {
        Reactor reactor = reactor();
        EventLoop loop = reactor.loops().get(0);
        reactor.close();

        assertThat(reactor.shutdown(Duration.ofSeconds(1))).as("a second shutdown is harmless").isTrue();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> reactor.listen(new InetSocketAddress("127.0.0.1", 0), EchoHandler::new))
                .isInstanceOf(IllegalStateException.class);
        assertThat(reactor.connect(new InetSocketAddress("127.0.0.1", 1), new RecordingHandler()))
                .isCompletedExceptionally();
    }

    private static boolean refusesConnections(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, 5000);
            return false;
        } catch (java.net.ConnectException refused) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
