package io.pollen.reactor.internal;

/**
 * Converts the engine's wait timeouts (nanoseconds) to the milliseconds that {@code poll(2)},
 * {@code select(2)} and {@code epoll_wait(2)} take. Stateless; safe from any thread.
 */
public final class WaitTimeouts {

    private WaitTimeouts() {
    }

    /**
     * Milliseconds for a wait, rounded up: a wait that ended just before a timer's deadline would
     * make the loop spin until the deadline passes.
     *
     * @param timeoutNanos negative to wait without limit, zero not to wait, else the longest wait
     * @return -1, 0, or the rounded-up milliseconds, capped at {@link Integer#MAX_VALUE}
     */
    public static int millisRoundedUp(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return timeoutNanos == 0 ? 0 : -1;
        }
        long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }
}
