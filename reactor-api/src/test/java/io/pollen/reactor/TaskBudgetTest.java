package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A loop's task drain is bounded in time as well as in count, so a flood of tasks cannot starve I/O. */
class TaskBudgetTest {
    private static final int QUEUED = 10_000;
    private static final int RUNS = 50_000;
    private static final Duration TASK_COST = Duration.ofNanos(10_000);

    /** Counts waits; otherwise the breakable poller, never broken. */
    static final class CountingPoller extends BrokenPollerTest.BreakablePoller {
        final AtomicLong polls = new AtomicLong();

        @Override
        public int poll(long timeoutNanos, io.pollen.reactor.spi.ReadyHandler handler) throws java.io.IOException {
            polls.incrementAndGet();
            return super.poll(timeoutNanos, handler);
        }
    }

    /** Loop-thread state of the self-resubmitting tasks. */
    private static final class Stream {
        long runs;
        long lastPolls = -1;
        long runLength;
        long longestRun;
    }

    @Test
    void anEndlessStreamOfSlowTasksStillLetsTheLoopPollWithinTheTimeBudget() throws Exception {
        CountingPoller poller = new CountingPoller();
        ManualClock clock = new ManualClock();
        // The count budget alone would let each iteration run all QUEUED tasks: 100 ms of work by this clock.
        Reactor reactor = TestBackend.start(Reactor.builder().threads(1).clock(clock)
                .maxTasksPerIteration(1_000_000).maxTaskTimePerIteration(Duration.ofMillis(1)), "counting", () -> poller);
        try {
            EventLoop loop = reactor.loops().get(0);
            Stream stream = new Stream();
            CompletableFuture<Long> done = new CompletableFuture<>();
            Runnable[] task = new Runnable[1];
            task[0] = () -> {
                clock.advance(TASK_COST);
                long polls = poller.polls.get();
                stream.runLength = polls == stream.lastPolls ? stream.runLength + 1 : 1;
                stream.lastPolls = polls;
                stream.longestRun = Math.max(stream.longestRun, stream.runLength);
                if (++stream.runs < RUNS) {
                    loop.execute(task[0]);
                } else {
                    done.complete(stream.longestRun);
                }
            };
            loop.execute(() -> {
                for (int i = 0; i < QUEUED; i++) {
                    loop.execute(task[0]);
                }
            });

            // 1 ms of 10 µs tasks is 100; the clock is read every 64 tasks, so at most 128 run between waits.
            assertThat(done.get(60, TimeUnit.SECONDS)).as("most tasks run between two polls").isLessThanOrEqualTo(128);
        } finally {
            reactor.shutdown(Duration.ofSeconds(5));
        }
    }
}
