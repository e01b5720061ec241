package io.pollen.reactor;


import java.util.concurrent.TimeUnit;

/**
 * A timer of a {@link TimerWheel}: the timer object is also its own list node, so arming, re-arming
 * and cancelling allocate nothing.
 *
 * <p>Not thread-safe: every method MUST be called on the thread that owns the wheel.
 */
final class WheelTimer implements LoopTimer {
    private final TimerWheel wheel;
    private final Runnable action;

    long deadlineTick;
    TimerList list;
    WheelTimer prev;
    WheelTimer next;

    WheelTimer(TimerWheel wheel, Runnable action) {
        this.wheel = wheel;
        this.action = action;
    }

    @Override
    public void schedule(long delay, TimeUnit unit) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        wheel.arm(this, unit.toNanos(delay));
    }

    @Override
    public void cancel() {
        if (list != null) {
            wheel.disarm(this);
        }
    }

    @Override
    public boolean isScheduled() {
        return list != null;
    }

    Runnable action() {
        return action;
    }
}
