package io.pollen.jmh.reactor;

import io.pollen.reactor.Backends;
import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.ReactorBuilder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.ThroughputResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * What a loop costs while the process has run out of descriptors: a one-loop {@link Reactor} with
 * the default accept back-off ({@link ReactorBuilder#DEFAULT_ACCEPT_BACKOFF_MIN} doubling up to
 * {@link ReactorBuilder#DEFAULT_ACCEPT_BACKOFF_MAX}), {@value #CLIENTS} connections waiting in its
 * backlog and every descriptor of the process taken, so that each {@code accept} fails with EMFILE.
 * The figures are secondary results, per second of exhaustion (JMH prints their unit as
 * {@code ops/s}): {@code exhausted:loopCpuNanos}, the nanoseconds of CPU time of the loop thread
 * ({@link ThreadMXBean#getThreadCpuTime}), and {@code exhausted:acceptAttempts}, the failed accepts.
 * A paused loop uses well under a millisecond of CPU per second (0.4 to 0.6 ms on a 2-core AMD
 * EPYC with Java 17, at one attempt a second once the back-off is at its maximum); a spinning one
 * close to 10^9 ns. The primary score only counts samples (one every {@value #SAMPLE_MILLIS} ms,
 * the benchmark thread parked in between) and means nothing. The reactor test kit asserts the
 * absence of a spin by counts; this is where the CPU figure lives.
 *
 * <p>The setup exhausts the fork's open-file limit, so run it under a small one, which JMH's forks
 * inherit (a limit above {@value #MAX_LIMIT_TO_EXHAUST} fails the setup and says so):
 *
 * <pre>
 * prlimit --nofile=1024:1024 java -jar jmh/target/benchmarks.jar DescriptorExhaustion
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DescriptorExhaustionBenchmark extends BackendBenchmark {
    private static final int CLIENTS = 4;
    private static final long SAMPLE_MILLIS = 10;
    /** Exhausting more would hold that many open files in the fork's heap. */
    private static final long MAX_LIMIT_TO_EXHAUST = 65_536;
    private static final long SETTLE_SECONDS = 60;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<SocketChannel> clients = new ArrayList<>();
    private final List<FileChannel> hogs = new ArrayList<>();
    private Reactor reactor;
    private long loopThreadId;
    private long lastCpuNanos;
    private long lastAttempts;

    /** What the loop did per second of exhaustion, reported by JMH as secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class LoopCost {
        /** CPU time of the loop thread, in nanoseconds. */
        public long loopCpuNanos;
        /** Failed {@code accept} calls. */
        public long acceptAttempts;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            loopCpuNanos = 0;
            acceptAttempts = 0;
        }
    }

    /**
     * Starts the reactor, takes every descriptor left, connects the clients into the backlog and
     * waits for the first failed accept.
     *
     * @throws Exception if the reactor, a socket or the wait fails
     */
    @Setup(Level.Trial)
    public void exhaust() throws Exception {
        long limit = Backends.openFileLimit();
        if (limit < 0 || limit > MAX_LIMIT_TO_EXHAUST) {
            throw new IllegalStateException("the open-file limit is " + limit + "; run this benchmark under a"
                    + " small one, e.g. prlimit --nofile=1024:1024 java -jar benchmarks.jar DescriptorExhaustion");
        }
        reactor = Reactor.builder().backend(backend).threads(1).build();
        Listener listener = reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Discard::new);
        CompletableFuture<Thread> loop = new CompletableFuture<>();
        reactor.loops().get(0).execute(() -> loop.complete(Thread.currentThread()));
        loopThreadId = loop.get(SETTLE_SECONDS, TimeUnit.SECONDS).getId();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(SocketChannel.open()); // their descriptors, taken while there are some
        }
        // JMH builds each iteration's result with commons-math3, whose Java 5 class files need the
        // JVM's old verifier, a library the JVM opens on first use: have it opened while it can be.
        new ThroughputResult(ResultRole.PRIMARY, "warm-up", 1, 1, TimeUnit.SECONDS);
        takeEveryDescriptor();
        for (SocketChannel client : clients) {
            client.connect(listener.localAddress()); // completed by the kernel into the backlog
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (attempts() == 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no accept failed with EMFILE within " + SETTLE_SECONDS + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
        }
        lastCpuNanos = threads.getThreadCpuTime(loopThreadId);
        lastAttempts = attempts();
    }

    /**
     * One sample: lets the exhausted loop run for {@value #SAMPLE_MILLIS} ms and adds what it used.
     *
     * @param cost the counters JMH reports
     */
    @Benchmark
    public void exhausted(LoopCost cost) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS));
        long cpu = threads.getThreadCpuTime(loopThreadId);
        long attempts = attempts();
        cost.loopCpuNanos += cpu - lastCpuNanos;
        cost.acceptAttempts += attempts - lastAttempts;
        lastCpuNanos = cpu;
        lastAttempts = attempts;
    }

    /**
     * Gives the descriptors back, then closes the clients and the reactor.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void release() throws IOException {
        for (FileChannel hog : hogs) {
            hog.close();
        }
        for (SocketChannel client : clients) {
            client.close();
        }
        if (reactor != null) {
            reactor.close();
        }
    }

    private long attempts() {
        return reactor.metrics().overloads(OverloadReason.DESCRIPTORS_EXHAUSTED);
    }

    private void takeEveryDescriptor() throws IOException {
        Path devNull = Path.of("/dev/null");
        while (true) {
            try {
                hogs.add(FileChannel.open(devNull, StandardOpenOption.READ));
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Too many open files")) {
                    return;
                }
                throw e;
            }
        }
    }

    /** Accepts nothing anyway; reads and drops, should a connection get through. */
    private static final class Discard implements ConnectionHandler {
        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }
    }
}
