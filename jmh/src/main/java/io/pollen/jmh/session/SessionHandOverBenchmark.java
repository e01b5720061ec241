package io.pollen.jmh.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.session.SendResult;
import io.pollen.session.SequentialSessionHandler;
import io.pollen.session.SessionHandler;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionServerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What a sequential session costs per message over a callback: one small {@code echo} there and back
 * through a one-loop {@link SessionServer} on epoll, answered either on the loop thread
 * ({@code callbacks}) or by straight-line code on the session's own thread, a virtual one
 * ({@code sequential}, Java 21+) or a platform one ({@code sequential-platform}). The difference between
 * a sequential mode and {@code callbacks} is the hand-over: the loop thread queues the decoded message
 * in the session's inbox and wakes its thread, which sends the reply back through the loop's task queue
 * and wakes the loop. Socket, decoding and session-layer costs are the same in every mode.
 *
 * <p>Latencies are sampled, so that the median survives a machine shared with other work.
 * {@code sequential} fails in setup before Java 21, with the builder's reason.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class SessionHandOverBenchmark {
    private static final byte[] FRAME = frame("{\"type\":\"echo\",\"n\":12345}");
    private static final SequentialSessionHandler ECHO = session -> {
        for (JsonMessage m; (m = session.receive()) != null; ) {
            expectQueued(session.send(m.payload()));
        }
    };

    /** Where the application runs. */
    @Param({"callbacks", "sequential", "sequential-platform"})
    public String mode;

    private SessionServer server;
    private SocketChannel client;
    private final ByteBuffer outgoing = ByteBuffer.allocateDirect(FRAME.length);
    private final ByteBuffer incoming = ByteBuffer.allocateDirect(FRAME.length);

    /**
     * Starts the server in the chosen mode and connects the client.
     *
     * @throws IOException if a socket cannot be opened
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        SessionServerBuilder builder = SessionServer.builder()
                .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .reactor(r -> r.backend(BackendAliases.EPOLL).threads(1));
        switch (mode) {
            case "callbacks" -> builder.handler((SessionHandler) (session, message) -> expectQueued(session.send(message.payload())));
            case "sequential" -> builder.sequential(ECHO);
            case "sequential-platform" -> builder.sequential(ECHO).sessionThreads(Thread::new);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        server = builder.build();
        client = SocketChannel.open(server.localAddress());
        outgoing.put(FRAME).flip();
    }

    private static void expectQueued(SendResult result) {
        if (!result.isQueued()) {
            throw new IllegalStateException("the echo was not queued: " + result);
        }
    }

    /**
     * One echo there and back.
     *
     * @return the echoed frame, so that the JIT keeps the work
     * @throws IOException if the connection fails
     */
    @Benchmark
    public ByteBuffer echo() throws IOException {
        outgoing.rewind();
        while (outgoing.hasRemaining()) {
            client.write(outgoing);
        }
        incoming.clear();
        while (incoming.hasRemaining()) {
            if (client.read(incoming) < 0) {
                throw new EOFException("the server closed the session");
            }
        }
        return incoming;
    }

    /**
     * Closes the client and the server.
     *
     * @throws IOException if closing the client fails
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static byte[] frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return (bytes.length + ":" + payload + ",").getBytes(StandardCharsets.UTF_8);
    }
}
