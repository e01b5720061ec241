package io.pollen.jmh.reactor;

import io.pollen.reactor.Backends;
import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerCapacityException;
import io.pollen.reactor.spi.PollerProvider;
import io.pollen.reactor.spi.ReadyHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * What one wake-up costs as a poller holds more idle connections: n idle connections registered for
 * reading plus one active connection; each operation writes a byte on the active connection, waits
 * with {@link Poller#poll}, and reads the byte back in the handler. select and poll hand the kernel
 * every descriptor on every wait, so their cost grows with n; epoll's stays flat.
 *
 * <p>Combinations a backend cannot hold (select beyond {@code FD_SETSIZE}) fail in setup with the
 * backend's own message and are left out of the results. Each idle connection takes two descriptors
 * in this JVM: keep n under half the open-file limit.
 */
@BenchmarkMode(Mode.AverageTime)
public class PollerWaitCostBenchmark extends BackendBenchmark {
    private static final int ACTIVE_TOKEN = 0;

    /** How many idle connections the poller holds besides the active one. */
    @Param({"10", "100", "500", "1000", "5000", "9000"})
    public int idle;

    private Poller poller;
    private IdleConnections idleConnections;
    private SocketChannel activeServer;
    private SocketChannel activeClient;
    private final ByteBuffer outgoing = ByteBuffer.allocateDirect(1);
    private final ByteBuffer incoming = ByteBuffer.allocateDirect(64);
    private final ReadyHandler readBack = this::readBack;

    /**
     * Opens the poller, the active pair (first, so that its descriptors are low) and the idle crowd.
     *
     * @throws IOException if sockets cannot be opened, or the backend cannot hold this many
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        PollerProvider provider = Backends.find(backend)
                .orElseThrow(() -> new IllegalStateException("backend " + backend + " is not in benchmarks.jar"));
        provider.unavailabilityCause().ifPresent(cause -> {
            throw new IllegalStateException("backend " + backend + " is unavailable: " + cause, cause);
        });
        poller = provider.open();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            activeClient = SocketChannel.open(listener.getLocalAddress());
            activeServer = listener.accept();
        }
        activeClient.configureBlocking(false);
        activeServer.configureBlocking(false);
        poller.register(activeServer, ACTIVE_TOKEN, Interest.READ);

        idleConnections = new IdleConnections(idle);
        List<SocketChannel> crowd = idleConnections.accepted();
        try {
            for (int i = 0; i < crowd.size(); i++) {
                poller.register(crowd.get(i), i + 1, Interest.READ);
            }
        } catch (PollerCapacityException e) {
            throw new IllegalStateException("skipped: " + backend + " cannot hold " + idle
                    + " idle connections: " + e.getMessage(), e);
        }
    }

    /**
     * One wake-up and dispatch with {@code idle} idle registrations.
     *
     * @return the number of registrations reported (always 1), so the JIT cannot drop the wait
     * @throws IOException if a system call fails
     */
    @Benchmark
    public int wakeAndDispatch() throws IOException {
        outgoing.clear();
        activeClient.write(outgoing);
        int reported = poller.poll(-1, readBack);
        if (reported != 1) {
            throw new IllegalStateException(reported + " registrations ready; expected only the active one");
        }
        return reported;
    }

    private void readBack(int token, int readyOps) {
        try {
            incoming.clear();
            activeServer.read(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes everything the trial opened.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (poller != null) {
            poller.close();
        }
        if (idleConnections != null) {
            idleConnections.close();
        }
        if (activeServer != null) {
            activeServer.close();
        }
        if (activeClient != null) {
            activeClient.close();
        }
    }
}
