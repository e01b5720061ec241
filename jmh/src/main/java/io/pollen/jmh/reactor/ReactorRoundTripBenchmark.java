package io.pollen.jmh.reactor;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Round-trip latency of a small message through a one-loop {@link Reactor} echo server that also
 * holds n idle connections: the benchmark thread, a blocking client, writes 32 bytes and reads them
 * back. The wait cost of {@link PollerWaitCostBenchmark} shows up here as it would for a user.
 * Latencies are sampled, so that percentiles (the median above all) survive a machine shared with
 * other work, where the mean would follow the scheduler's outliers.
 *
 * <p>A combination the backend cannot hold (select beyond {@code FD_SETSIZE}: both ends of every
 * connection live in this JVM) fails in setup and is left out of the results.
 */
@BenchmarkMode(Mode.SampleTime)
public class ReactorRoundTripBenchmark extends BackendBenchmark {
    private static final int MESSAGE_BYTES = 32;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How many idle connections the server holds besides the measured one; 400 is there for select,
     * the most it can hold here, with both ends of each connection in this JVM.
     */
    @Param({"10", "100", "400", "1000", "5000", "9000"})
    public int idle;

    private Reactor reactor;
    private Listener listener;
    private final List<SocketChannel> idleClients = new ArrayList<>();
    private SocketChannel client;
    private final ByteBuffer outgoing = ByteBuffer.allocateDirect(MESSAGE_BYTES);
    private final ByteBuffer incoming = ByteBuffer.allocateDirect(MESSAGE_BYTES);

    /**
     * Starts the server, connects the idle crowd, then the measured client, and waits until the
     * server has adopted them all.
     *
     * @throws IOException          if a socket cannot be opened
     * @throws InterruptedException if interrupted while waiting for the server
     */
    @Setup(Level.Trial)
    public void open() throws IOException, InterruptedException {
        reactor = Reactor.builder().backend(backend).threads(1).build();
        listener = reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Echo::new);
        for (int i = 0; i < idle; i++) {
            idleClients.add(SocketChannel.open(listener.localAddress()));
        }
        client = SocketChannel.open(listener.localAddress());
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (reactor.metrics().openConnections() < idle + 1) {
            if (reactor.metrics().totalOverloads() > 0) {
                throw new IllegalStateException("skipped: " + backend + " cannot hold " + idle
                        + " idle connections; the server turned " + reactor.metrics().totalOverloads()
                        + " away (see its log for the backend's reason)");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server adopted only " + reactor.metrics().openConnections()
                        + " of " + (idle + 1) + " connections in " + SETTLE_TIMEOUT);
            }
            Thread.sleep(10);
        }
        for (int i = 0; i < MESSAGE_BYTES; i++) {
            outgoing.put(i, (byte) i);
        }
    }

    /**
     * One message there and back.
     *
     * @return the echoed buffer, so the JIT keeps the work
     * @throws IOException if the connection fails
     */
    @Benchmark
    public ByteBuffer roundTrip() throws IOException {
        outgoing.clear();
        while (outgoing.hasRemaining()) {
            client.write(outgoing);
        }
        incoming.clear();
        while (incoming.hasRemaining()) {
            if (client.read(incoming) < 0) {
                throw new EOFException("the echo server closed the connection");
            }
        }
        return incoming;
    }

    /**
     * Closes the clients and shuts the server down.
     *
     * @throws IOException if closing a client fails
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        for (SocketChannel idleClient : idleClients) {
            idleClient.close();
        }
        idleClients.clear();
        if (listener != null) {
            listener.close();
        }
        if (reactor != null) {
            reactor.shutdown(Duration.ofSeconds(10));
        }
    }

    /** Echoes every byte; the read buffer belongs to the loop, so the reply is a copy. */
    private static final class Echo implements ConnectionHandler {
        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            connection.write(copy);
        }
    }
}
