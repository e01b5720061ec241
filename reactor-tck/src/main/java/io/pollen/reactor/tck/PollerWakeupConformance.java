package io.pollen.reactor.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link io.pollen.reactor.spi.Poller#wakeup()}: from any thread, during a wait or before it (a
 * wake-up is sticky and consumed once), and never reported as readiness.
 */
public abstract class PollerWakeupConformance extends PollerConformanceTest {
    private static final long HANG_GUARD_SECONDS = 30;

    /** @param backend the backend under test */
    protected PollerWakeupConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void aWakeupFromAnotherThreadEndsAPollBlockedWithoutTimeout() throws Exception {
        ExecutorService owner = Executors.newSingleThreadExecutor(r -> new Thread(r, "tck-poller-owner"));
        try {
            CompletableFuture<Thread> polling = new CompletableFuture<>();
            Future<Integer> blocked = owner.submit(() -> {
                polling.complete(Thread.currentThread());
                return poller.poll(-1, (token, ops) -> {
                    throw new AssertionError("the wake-up must not be reported, got token " + token);
                });
            });
            PollerThreads.awaitWaitingInPoller(polling.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS), "the poller's owner");

            poller.wakeup();
            assertThat(blocked.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isZero();
        } finally {
            owner.shutdownNow();
            assertThat(owner.awaitTermination(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aWakeupBeforePollIsStickyAndConsumedOnce() throws IOException {
        poller.wakeup();
        poller.wakeup();
        assertThat(poller.poll(-1, (token, ops) -> {
            throw new AssertionError("the wake-up must not be reported");
        })).isZero();
        assertThat(pollNow()).isEmpty();
        assertThat(pollFor(TimeUnit.MILLISECONDS.toNanos(5))).as("a finite timeout returns").isEmpty();
    }

    @Test
    void wakeupsFromManyThreadsAtOnceEachEndAWait() throws Exception {
        int threads = 4;
        int rounds = 200;
        ExecutorService wakers = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                CompletableFuture<?>[] woken = new CompletableFuture<?>[threads];
                for (int t = 0; t < threads; t++) {
                    woken[t] = CompletableFuture.runAsync(poller::wakeup, wakers);
                }
                CompletableFuture.allOf(woken).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
                assertThat(pollFor(-1)).as("round %d", round).isEmpty();
            }
        } finally {
            wakers.shutdownNow();
            assertThat(wakers.awaitTermination(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }
}
