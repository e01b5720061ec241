package io.pollen.jmh.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.EmbeddedConnection;
import io.pollen.reactor.EmbeddedEventLoop;
import io.pollen.session.Session;
import io.pollen.session.SessionPipeline;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What keep-alives cost with 50,000 sessions, without sockets (so the numbers are the session
 * layer's, not the kernel's): the session stack runs on in-memory connections sharing one loop.
 *
 * <ul>
 *   <li>{@link #keepAliveFrame}: one {@code 0:,} frame through decoder and session layer, for a
 *       session picked round-robin among the 50,000. Run with {@code -prof gc} to see the
 *       allocation per keep-alive (expected: zero).</li>
 *   <li>{@link #healthSweep}: one whole keep-alive interval passing for all 50,000 sessions (every
 *       session's timer fires once and re-arms), per session.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class KeepAliveBenchmark {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /** Sessions held, as in the mission's 50K-client server. */
    static final int SESSIONS = 50_000;

    private final int sessions = SESSIONS;

    private EmbeddedEventLoop loop;
    private EmbeddedConnection[] connections;
    private ConnectionHandler[] handlers;
    private ByteBuffer keepAlive;
    private int next;

    /** Opens the sessions, each welcomed after its {@code hello}. */
    @Setup(Level.Trial)
    public void openSessions() {
        SessionPipeline pipeline = SessionServer.builder()
                .keepAlive(k -> k.interval(INTERVAL).misses(1_000_000))
                .handler((Session session, JsonMessage message) -> { })
                .buildPipeline();
        loop = new EmbeddedEventLoop();
        connections = new EmbeddedConnection[sessions];
        handlers = new ConnectionHandler[sessions];
        for (int i = 0; i < sessions; i++) {
            handlers[i] = pipeline.newConnectionHandler();
            connections[i] = new EmbeddedConnection(handlers[i], loop);
            String hello = "{\"type\":\"hello\",\"id\":\"c-" + i + "\"}";
            connections[i].writeInbound(hello.length() + ":" + hello + ",");
            connections[i].readAllOutbound();
        }
        if (pipeline.registry().count(SessionState.HEALTHY) != sessions) {
            throw new IllegalStateException("not every session opened healthy");
        }
        keepAlive = ByteBuffer.wrap("0:,".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /** @return the buffer, so that the work cannot be optimised away */
    @Benchmark
    public ByteBuffer keepAliveFrame() {
        int i = next;
        next = i + 1 == sessions ? 0 : i + 1;
        keepAlive.clear();
        handlers[i].onRead(connections[i], keepAlive);
        return keepAlive;
    }

    /** @return timers fired: one per session */
    @Benchmark
    @OperationsPerInvocation(SESSIONS)
    public int healthSweep() {
        return loop.advanceTime(INTERVAL);
    }
}
