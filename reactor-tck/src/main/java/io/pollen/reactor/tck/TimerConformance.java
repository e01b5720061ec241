package io.pollen.reactor.tck;

import io.pollen.reactor.EventLoop;
import io.pollen.reactor.LoopTimer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Timers on a live loop: deadline order, cancellation, re-arming. */
public abstract class TimerConformance extends ConformanceTest {

    /** @param backend the backend under test */
    protected TimerConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void timersFireInDeadlineOrderAndCancelledOnesNever() throws Exception {
        EventLoop loop = reactor().loops().get(0);
        List<Integer> fired = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> last = new CompletableFuture<>();
        loop.execute(() -> {
            for (int delay : new int[] {250, 50, 150, 200, 100}) {
                LoopTimer timer = loop.schedule(() -> fired.add(delay), delay, TimeUnit.MILLISECONDS);
                if (delay == 150) {
                    timer.cancel();
                    assertThat(timer.isScheduled()).isFalse();
                }
            }
            loop.schedule(() -> last.complete(null), 400, TimeUnit.MILLISECONDS);
        });
        last.get(30, TimeUnit.SECONDS);
        assertThat(fired).containsExactly(50, 100, 200, 250);
    }

    @Test
    void reArmingMovesTheDeadlineAndFiresOnce() throws Exception {
        EventLoop loop = reactor().loops().get(0);
        AtomicInteger firings = new AtomicInteger();
        CompletableFuture<Integer> seenAtCheckpoint = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            LoopTimer timer = loop.newTimer(firings::incrementAndGet);
            timer.schedule(100, TimeUnit.MILLISECONDS);
            timer.schedule(400, TimeUnit.MILLISECONDS);
            loop.schedule(() -> seenAtCheckpoint.complete(firings.get()), 200, TimeUnit.MILLISECONDS);
            loop.schedule(() -> done.complete(null), 700, TimeUnit.MILLISECONDS);
        });
        assertThat(seenAtCheckpoint.get(30, TimeUnit.SECONDS)).as("firings at the old deadline").isZero();
        done.get(30, TimeUnit.SECONDS);
        assertThat(firings).hasValue(1);
    }

    @Test
    void aTimerNeverFiresBeforeItsDeadline() throws Exception {
        EventLoop loop = reactor().loops().get(0);
        CompletableFuture<Long> elapsed = new CompletableFuture<>();
        loop.execute(() -> {
            long start = loop.clock().nanoTime();
            loop.schedule(() -> elapsed.complete(loop.clock().nanoTime() - start), 120, TimeUnit.MILLISECONDS);
        });
        assertThat(elapsed.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
    }
}
