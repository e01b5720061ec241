package io.pollen.reactor;


import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when told to, so tests drive timeouts without sleeping.
 *
 * <p>Safe from any thread. Advancing the clock does not fire timers by itself: the code that owns
 * the timers (for example {@link EmbeddedConnection#advanceTime(Duration)}) fires what is due.
 */
public final class ManualClock implements Clock {
    private final AtomicLong nanos;

    /** A clock starting at an arbitrary non-zero time, like {@link System#nanoTime()}. */
    public ManualClock() {
        this(1_000_000_000L);
    }

    /**
     * @param startNanos the initial reading
     */
    public ManualClock(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far; must not be negative
     * @return the new reading
     */
    public long advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a monotonic clock cannot go back: " + amount);
        }
        return nanos.addAndGet(amount.toNanos());
    }
}
