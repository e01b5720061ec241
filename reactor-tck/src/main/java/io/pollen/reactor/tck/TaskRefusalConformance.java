package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.WriteResult;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work submitted from other threads while a reactor stops is run or refused where the caller sees
 * it, never lost: a task runs or {@code execute} throws; a connect's future completes; a write that
 * was {@code QUEUED} is sent or dropped with its connection, so its bytes leave the count.
 */
public abstract class TaskRefusalConformance extends ConformanceTest {
    /** Each round races one shutdown; the losing window is narrow, so it takes many. */
    private static final int ROUNDS = 40;
    private static final int SUBMISSIONS_BEFORE_SHUTDOWN = 200;
    /** Tasks submitted and not yet run, at most. */
    private static final int OUTSTANDING = 10_000;

    /** @param backend the backend under test */
    protected TaskRefusalConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void submissionsRacingShutdownAreRunOrRefusedNeverLost() throws Exception {
        InetSocketAddress nobodyListens = closedLoopbackPort();
        for (int round = 0; round < ROUNDS; round++) {
            raceOneShutdown(round, nobodyListens);
        }
    }

    private void raceOneShutdown(int round, InetSocketAddress nobodyListens) throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.threads(1));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            EventLoop loop = reactor.loops().get(0);
            AtomicLong submitted = new AtomicLong();
            AtomicLong ran = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            AtomicLong lowestPending = new AtomicLong();
            ConcurrentLinkedQueue<CompletableFuture<Connection>> connects = new ConcurrentLinkedQueue<>();
            CountDownLatch stopped = new CountDownLatch(3);

            List<Thread> submitters = List.of(
                    new Thread(() -> {
                        try {
                            while (true) {
                                // Bounded: the loop must not fall behind without limit.
                                while (submitted.get() - ran.get() > OUTSTANDING) {
                                    Thread.onSpinWait();
                                }
                                submitted.incrementAndGet();
                                loop.execute(ran::incrementAndGet);
                            }
                        } catch (RejectedExecutionException e) {
                            refused.incrementAndGet();
                        } finally {
                            stopped.countDown();
                        }
                    }, "tasks-" + round),
                    new Thread(() -> {
                        try {
                            CompletableFuture<Connection> attempt;
                            do {
                                attempt = reactor.connect(nobodyListens, new RecordingHandler());
                                connects.add(attempt);
                                // One at a time: each attempt opens a socket.
                                while (!attempt.isDone() && !isRefusing(loop)) {
                                    Thread.onSpinWait();
                                }
                            } while (!isRefusing(loop));
                        } finally {
                            stopped.countDown();
                        }
                    }, "connects-" + round),
                    new Thread(() -> {
                        try {
                            WriteResult result;
                            do {
                                result = connection.write(ByteBuffer.allocate(16));
                                writes.incrementAndGet();
                                lowestPending.accumulateAndGet(connection.pendingWriteBytes(), Math::min);
                            } while (result != WriteResult.CLOSED);
                        } finally {
                            stopped.countDown();
                        }
                    }, "writes-" + round));
            submitters.forEach(Thread::start);
            Await.until("submitters under way", () -> submitted.get() > SUBMISSIONS_BEFORE_SHUTDOWN
                    && writes.get() > SUBMISSIONS_BEFORE_SHUTDOWN && connects.size() > 1);

            reactor.shutdown(Duration.ofMillis(200));

            assertThat(stopped.await(30, TimeUnit.SECONDS)).as("round %d: every submitter was refused", round).isTrue();
            assertThat(ran.get() + refused.get()).as("round %d: tasks run + refused", round).isEqualTo(submitted.get());
            for (CompletableFuture<Connection> attempt : connects) {
                assertThat(attempt).as("round %d: a connect's future", round)
                        .failsWithin(Duration.ofSeconds(30));
            }
            assertThat(lowestPending.get()).as("round %d: lowest pendingWriteBytes seen", round).isNotNegative();
            assertThat(connection.pendingWriteBytes()).as("round %d: pendingWriteBytes after shutdown", round).isZero();
        }
    }

    /** Whether the loop refuses tasks now (it has stopped). */
    private static boolean isRefusing(EventLoop loop) {
        try {
            loop.execute(() -> { });
            return false;
        } catch (RejectedExecutionException e) {
            return true;
        }
    }

    private static InetSocketAddress closedLoopbackPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }
    }
}
