package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.WriteResult;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes from threads other than the loop arrive whole, and in order per writing thread. */
public abstract class ForeignThreadWritesConformance extends ConformanceTest {
    private static final int THREADS = 8;
    private static final int MESSAGES_PER_THREAD = 5_000;

    /** @param backend the backend under test */
    protected ForeignThreadWritesConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void writesFromEightThreadsArriveCompleteAndInPerThreadOrder() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Listener listener = listenOnLoopback(reactor(b -> b.maxPendingWriteBytes(64L << 20)), () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> writeLines(connection, thread), runnable -> new Thread(runnable, "writer-" + thread).start()));
            }

            BufferedReader reader = new BufferedReader(new InputStreamReader(client.socket().getInputStream(), StandardCharsets.US_ASCII));
            int[] nextExpected = new int[THREADS];
            for (int i = 0; i < THREADS * MESSAGES_PER_THREAD; i++) {
                String line = reader.readLine();
                assertThat(line).as("line %d", i).isNotNull().matches("t\\d+ \\d+ [x]+");
                String[] parts = line.split(" ");
                int thread = Integer.parseInt(parts[0].substring(1));
                int seq = Integer.parseInt(parts[1]);
                assertThat(seq).as("sequence of thread %d", thread).isEqualTo(nextExpected[thread]);
                assertThat(parts[2]).hasSize(padding(seq));
                nextExpected[thread]++;
            }
            for (CompletableFuture<Void> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            assertThat(nextExpected).containsOnly(MESSAGES_PER_THREAD);
        }
    }

    /**
     * A close that lands among another thread's writes gives back every byte exactly once: the
     * count never goes negative, and is zero once the connection is closed.
     */
    @Test
    void writesRacingACloseLeaveTheCountNeverNegativeAndZeroAfterwards() throws Exception {
        for (int round = 0; round < 20; round++) {
            RecordingHandler server = new RecordingHandler();
            Listener listener = listenOnLoopback(reactor(b -> b.threads(1)), () -> server);
            try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
                Connection connection = server.opened.get(30, TimeUnit.SECONDS);
                AtomicLong writes = new AtomicLong();
                AtomicLong lowest = new AtomicLong();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    while (connection.write(ByteBuffer.allocate(64)) != WriteResult.CLOSED) {
                        writes.incrementAndGet();
                        lowest.accumulateAndGet(connection.pendingWriteBytes(), Math::min);
                    }
                }, runnable -> new Thread(runnable, "writer").start());
                Await.until("writes under way", () -> writes.get() > 100);
                if (round % 2 == 0) {
                    connection.close();
                } else {
                    connection.abort();
                }
                writer.get(30, TimeUnit.SECONDS);
                server.closed.get(30, TimeUnit.SECONDS);
                int r = round;
                Await.until("round " + r + ": nothing counted after the close", () -> connection.pendingWriteBytes() == 0,
                        Await.DEFAULT, () -> "pending=" + connection.pendingWriteBytes());
                assertThat(lowest.get()).as("round %d: lowest pendingWriteBytes seen", round).isNotNegative();
            }
        }
    }

    private static void writeLines(Connection connection, int thread) {
        for (int seq = 0; seq < MESSAGES_PER_THREAD; seq++) {
            String line = "t" + thread + " " + seq + " " + "x".repeat(padding(seq)) + "\n";
            WriteResult result = connection.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            if (result != WriteResult.QUEUED) {
                throw new AssertionError("write " + seq + " of thread " + thread + " was " + result);
            }
        }
    }

    /** Varying sizes, so writes straddle partial-write boundaries at different offsets. */
    private static int padding(int seq) {
        return 1 + (seq * 37) % 300;
    }
}
