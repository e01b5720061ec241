package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimerWheelTest {
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(10);

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final Clock clock = now::get;
    private final List<Throwable> failures = new ArrayList<>();
    private final TimerWheel wheel = new TimerWheel(clock, TICK, 8, failures::add);
    private final List<String> fired = new ArrayList<>();

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        wheel.expire(now.get());
    }

    private WheelTimer timer(String name) {
        return wheel.newTimer(() -> fired.add(name));
    }

    @Test
    void neverFiresBeforeTheDeadlineAndAtMostOneTickAfter() {
        timer("a").schedule(35, TimeUnit.MILLISECONDS);
        advanceMillis(34);
        assertThat(fired).isEmpty();
        advanceMillis(1);
        advanceMillis(9);
        assertThat(fired).containsExactly("a");
    }

    @Test
    void firesInDeadlineOrderAcrossTicksAndArmingOrderWithinOne() {
        timer("late").schedule(50, TimeUnit.MILLISECONDS);
        timer("early").schedule(20, TimeUnit.MILLISECONDS);
        timer("same-tick-first").schedule(31, TimeUnit.MILLISECONDS);
        timer("same-tick-second").schedule(32, TimeUnit.MILLISECONDS);
        advanceMillis(100);
        assertThat(fired).containsExactly("early", "same-tick-first", "same-tick-second", "late");
    }

    @Test
    void timersBeyondOneRevolutionWaitForTheirRound() {
        // 8 buckets of 10 ms: 85 ms shares a bucket with 5 ms but is a revolution later.
        timer("far").schedule(85, TimeUnit.MILLISECONDS);
        timer("near").schedule(5, TimeUnit.MILLISECONDS);
        advanceMillis(10);
        assertThat(fired).containsExactly("near");
        advanceMillis(70);
        assertThat(fired).containsExactly("near");
        advanceMillis(10);
        assertThat(fired).containsExactly("near", "far");
    }

    @Test
    void aLongStallStillFiresEverythingDue() {
        for (int i = 0; i < 20; i++) {
            timer("t" + i).schedule(10L * i + 1, TimeUnit.MILLISECONDS);
        }
        advanceMillis(10_000);
        assertThat(fired).hasSize(20);
        assertThat(wheel.armedCount()).isZero();
    }

    @Test
    void cancelledTimersNeverFireEvenWhenCancelledByATimerDueInTheSamePass() {
        WheelTimer victim = timer("victim");
        WheelTimer killer = wheel.newTimer(() -> {
            fired.add("killer");
            victim.cancel();
        });
        killer.schedule(10, TimeUnit.MILLISECONDS);
        victim.schedule(10, TimeUnit.MILLISECONDS);
        WheelTimer plain = timer("plain");
        plain.schedule(10, TimeUnit.MILLISECONDS);
        plain.cancel();
        advanceMillis(50);
        assertThat(fired).containsExactly("killer");
        assertThat(victim.isScheduled()).isFalse();
    }

    @Test
    void reArmingMovesTheDeadlineWithoutDuplicating() {
        WheelTimer keepAlive = timer("keepalive");
        for (int i = 0; i < 1000; i++) {
            keepAlive.schedule(30, TimeUnit.MILLISECONDS);
            advanceMillis(1);
        }
        assertThat(fired).isEmpty();
        assertThat(wheel.armedCount()).isEqualTo(1);
        advanceMillis(40);
        assertThat(fired).containsExactly("keepalive");
    }

    @Test
    void anActionReArmingAtZeroDelayFiresOncePerPass() {
        WheelTimer[] self = new WheelTimer[1];
        self[0] = wheel.newTimer(() -> {
            fired.add("tick");
            self[0].schedule(0, TimeUnit.MILLISECONDS);
        });
        self[0].schedule(0, TimeUnit.MILLISECONDS);
        advanceMillis(10);
        assertThat(fired).containsExactly("tick");
        advanceMillis(10);
        assertThat(fired).containsExactly("tick", "tick");
    }

    @Test
    void aThrowingActionIsReportedAndTheOthersStillFire() {
        wheel.newTimer(() -> {
            throw new IllegalStateException("boom");
        }).schedule(10, TimeUnit.MILLISECONDS);
        timer("after").schedule(10, TimeUnit.MILLISECONDS);
        advanceMillis(20);
        assertThat(fired).containsExactly("after");
        assertThat(failures).singleElement().hasFieldOrPropertyWithValue("message", "boom");
    }

    @Test
    void reportsTheWaitUntilTheNextOccupiedTick() {
        assertThat(wheel.nanosUntilNextTick(now.get())).isEqualTo(-1);
        timer("a").schedule(45, TimeUnit.MILLISECONDS);
        long wait = wheel.nanosUntilNextTick(now.get());
        assertThat(wait).isBetween(TimeUnit.MILLISECONDS.toNanos(45), TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void rejectsNegativeDelaysAndBadShapes() {
        assertThatThrownBy(() -> timer("x").schedule(-1, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimerWheel(clock, 0, 8, e -> { })).hasMessageContaining("tickNanos");
        assertThatThrownBy(() -> new TimerWheel(clock, TICK, 0, e -> { })).hasMessageContaining("wheelSize");
    }

    @Test
    void theWaitForOneFarTimerAmongEmptyBucketsScansNoBucketPerIteration() {
        TimerWheel big = new TimerWheel(clock, TICK, 512, failures::add);
        WheelTimer far = big.newTimer(() -> fired.add("far"));
        far.schedule(500 * 10, TimeUnit.MILLISECONDS);

        for (int iteration = 0; iteration < 1_000; iteration++) {
            assertThat(big.nanosUntilNextTick(now.get())).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500 * 10));
        }
        assertThat(big.bucketsScanned).as("buckets looked at by 1000 waits").isZero();
    }

    @Test
    void aCancelledEarliestTimerCostsOneEarlyWakeThenTheWaitIsExactAgain() {
        TimerWheel big = new TimerWheel(clock, TICK, 512, failures::add);
        WheelTimer soon = big.newTimer(() -> fired.add("soon"));
        WheelTimer later = big.newTimer(() -> fired.add("later"));
        soon.schedule(100, TimeUnit.MILLISECONDS);
        later.schedule(1_000, TimeUnit.MILLISECONDS);
        soon.cancel();

        long deadline = now.get() + TimeUnit.MILLISECONDS.toNanos(1_000);
        int wakes = 0;
        while (fired.isEmpty()) {
            long wait = big.nanosUntilNextTick(now.get());
            assertThat(now.get() + wait).as("never waits past the deadline").isLessThanOrEqualTo(deadline);
            now.addAndGet(wait);
            big.expire(now.get());
            wakes++;
        }
        assertThat(fired).containsExactly("later");
        assertThat(now.get()).isEqualTo(deadline);
        assertThat(wakes).as("wake-ups to fire it").isLessThanOrEqualTo(2);
        assertThat(big.nanosUntilNextTick(now.get())).as("no timer armed").isEqualTo(-1);
    }
}
