package io.pollen.reactor;


import java.util.function.Consumer;

/**
 * A hashed timing wheel: the timer structure of one event loop, built for tens of thousands of
 * timers that are re-armed far more often than they fire (keep-alive deadlines).
 *
 * <pre>
 *   tick:    0   1   2  ...  W-1   (W buckets, W a power of two)
 *   bucket:  [t][ ][t t] ... [ ]    a timer due at tick k lives in bucket k mod W
 * </pre>
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Arm, re-arm and cancel are O(1) and allocate nothing: a timer is its own list node.</li>
 *   <li>{@link #nanosUntilNextTick} is O(1): the wheel keeps a lower bound of the earliest armed
 *       tick as timers are armed, and re-finds the next non-empty bucket (one scan of at most a
 *       revolution) only in an {@link #expire} that passed that bound. A timer cancelled or moved
 *       later costs at most one early wake-up, never a scan per loop iteration.</li>
 *   <li>A timer never fires before its deadline; it fires at the first {@link #expire} whose time
 *       reaches the tick that contains the deadline, so normally less than one tick late.</li>
 *   <li>Timers due in different ticks fire in tick order; within one tick, in the order they were
 *       armed. (If {@link #expire} is not called for more than a whole revolution, due timers still
 *       all fire, bucket by bucket.)</li>
 *   <li>A timer cancelled before it fires, even by another timer's action in the same
 *       {@link #expire}, does not fire. An action may re-arm its own timer; the timer then fires no
 *       earlier than the next tick, so a zero delay cannot loop inside one {@link #expire}.</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread (the event loop's) owns the wheel and all of its timers.
 */
final class TimerWheel {
    private final Clock clock;
    private final long tickNanos;
    private final long origin;
    private final TimerList[] buckets;
    private final int mask;
    private final TimerList firing = new TimerList();
    private final Consumer<? super Throwable> actionFailureHandler;
    private long nextTick;
    private int armed;
    /**
     * A tick no armed timer is due before: a lower bound, kept by {@link #arm} (the minimum) and made
     * exact again by {@link #expire} when a tick passes it, so that {@link #nanosUntilNextTick}, asked
     * every loop iteration, is O(1). Cancelling or re-arming later leaves it low: the loop then wakes
     * once for nothing, and that expire finds the next bucket.
     */
    private long earliestTick = Long.MAX_VALUE;
    /** Buckets looked at to find the next due one; tests read it to see that waits cost no scan. */
    long bucketsScanned;

    /**
     * @param clock     the time source
     * @param tickNanos the resolution: deadlines are rounded up to a whole tick
     * @param wheelSize the number of buckets; rounded up to a power of two
     * @param actionFailureHandler receives what a timer's action throws (all but a {@linkplain FatalErrors fatal} error); the other timers still fire
     */
    public TimerWheel(Clock clock, long tickNanos, int wheelSize,
                      Consumer<? super Throwable> actionFailureHandler) {
        if (tickNanos <= 0) {
            throw new IllegalArgumentException("tickNanos must be positive: " + tickNanos);
        }
        if (wheelSize < 1 || wheelSize > (1 << 20)) {
            throw new IllegalArgumentException("wheelSize must be in [1, 2^20]: " + wheelSize);
        }
        int size = 1;
        while (size < wheelSize) {
            size <<= 1;
        }
        this.clock = clock;
        this.tickNanos = tickNanos;
        this.origin = clock.nanoTime();
        this.buckets = new TimerList[size];
        for (int i = 0; i < size; i++) {
            buckets[i] = new TimerList();
        }
        this.mask = size - 1;
        this.actionFailureHandler = actionFailureHandler;
    }

    /**
     * Creates an unarmed timer of this wheel.
     *
     * @param action what to run when it fires, on the wheel's thread
     * @return the timer
     */
    public WheelTimer newTimer(Runnable action) {
        if (action == null) {
            throw new NullPointerException("action");
        }
        return new WheelTimer(this, action);
    }

    /** @return the time source of this wheel */
    public Clock clock() {
        return clock;
    }

    /** @return the number of armed timers */
    public int armedCount() {
        return armed;
    }

    /** @return the resolution in nanoseconds */
    public long tickNanos() {
        return tickNanos;
    }

    /**
     * Fires every timer due at {@code now}, in order.
     *
     * @param now a time of this wheel's clock
     * @return how many timers fired (an action that throws counts, and goes to the failure handler)
     */
    public int expire(long now) {
        long nowTick = tickOf(now);
        if (nowTick < nextTick) {
            return 0;
        }
        long from = nextTick;
        // Advance first: anything armed while firing lands in a later tick, never in this pass.
        nextTick = nowTick + 1;
        long to = Math.min(nowTick, from + mask);
        for (long tick = from; tick <= to; tick++) {
            collectDue(buckets[(int) (tick & mask)], nowTick);
        }
        int fired = 0;
        WheelTimer timer;
        while ((timer = firing.pollFirst()) != null) {
            armed--;
            fired++;
            try {
                timer.action().run();
            } catch (RuntimeException | Error e) {
                FatalErrors.rethrowIfFatal(e);
                actionFailureHandler.accept(e);
            }
        }
        findEarliest();
        return fired;
    }

    /**
     * How long until the next bucket that holds a timer comes due, for the event loop's wait.
     *
     * @param now a time of this wheel's clock
     * @return nanoseconds (zero if already due), or -1 if no timer is armed
     */
    public long nanosUntilNextTick(long now) {
        if (armed == 0) {
            return -1;
        }
        long tick = Math.max(earliestTick, nextTick);
        return Math.max(0, origin + tick * tickNanos - now);
    }

    /**
     * Sets {@link #earliestTick} to the first non-empty bucket from {@link #nextTick}: at most one
     * revolution, and only from {@link #expire} once a tick has passed, never per loop iteration.
     */
    private void findEarliest() {
        if (armed == 0) {
            earliestTick = Long.MAX_VALUE;
            return;
        }
        if (earliestTick >= nextTick) {
            return; // still a valid lower bound
        }
        long tick = nextTick;
        for (int i = 0; i <= mask; i++, tick++) {
            bucketsScanned++;
            if (!buckets[(int) (tick & mask)].isEmpty()) {
                break;
            }
        }
        earliestTick = tick;
    }

    void arm(WheelTimer timer, long delayNanos) {
        if (timer.list != null) {
            timer.list.remove(timer);
            armed--;
        }
        long deadlineTick = ceilTick(clock.nanoTime(), delayNanos);
        if (deadlineTick < nextTick) {
            deadlineTick = nextTick;
        }
        timer.deadlineTick = deadlineTick;
        buckets[(int) (deadlineTick & mask)].addLast(timer);
        armed++;
        if (deadlineTick < earliestTick) {
            earliestTick = deadlineTick;
        }
    }

    void disarm(WheelTimer timer) {
        timer.list.remove(timer);
        armed--;
    }

    private void collectDue(TimerList bucket, long nowTick) {
        WheelTimer timer = bucket.first();
        while (timer != null) {
            WheelTimer next = timer.next;
            if (timer.deadlineTick <= nowTick) {
                bucket.remove(timer);
                firing.addLast(timer);
            }
            timer = next;
        }
    }

    private long tickOf(long time) {
        return Math.floorDiv(time - origin, tickNanos);
    }

    private long ceilTick(long now, long delayNanos) {
        long sinceOrigin = now - origin;
        long deadline = sinceOrigin > Long.MAX_VALUE - delayNanos ? Long.MAX_VALUE : sinceOrigin + delayNanos;
        return -Math.floorDiv(-deadline, tickNanos);
    }
}
