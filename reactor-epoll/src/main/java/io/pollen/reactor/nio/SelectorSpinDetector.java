package io.pollen.reactor.nio;

/**
 * Recognises the JDK selector bug where {@code select(timeout)} keeps returning zero keys at once,
 * neither waiting nor woken up, which turns an event loop into a busy loop (JDK-6670302, JDK-6403933
 * and relatives, seen on some Linux kernels with a connection reset at the wrong moment).
 *
 * <p>A wait counts as premature when it returned no keys, was not woken up, and took less than half
 * of its timeout. After {@code threshold} premature waits in a row the detector says the selector
 * must be rebuilt. Any real wait, key or wake-up resets the count.
 *
 * <p>Not thread-safe; owned by the poller's loop thread.
 */
final class SelectorSpinDetector {
    /** Premature returns in a row that mean a broken selector; about Netty's default. */
    static final int DEFAULT_THRESHOLD = 512;

    private final int threshold;
    private int prematureInARow;

    SelectorSpinDetector(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1: " + threshold);
        }
        this.threshold = threshold;
    }

    /**
     * Records one wait.
     *
     * @param timeoutNanos  the timeout asked for (negative: forever, zero: no wait)
     * @param elapsedNanos  how long the wait took
     * @param selectedKeys  how many keys it returned
     * @param wokenUp       whether a wake-up was requested for it
     * @return true if the selector should be rebuilt now
     */
    boolean onWait(long timeoutNanos, long elapsedNanos, int selectedKeys, boolean wokenUp) {
        boolean premature = selectedKeys == 0 && !wokenUp && timeoutNanos != 0
                && (timeoutNanos < 0 || elapsedNanos < timeoutNanos / 2);
        if (!premature) {
            prematureInARow = 0;
            return false;
        }
        if (++prematureInARow >= threshold) {
            prematureInARow = 0;
            return true;
        }
        return false;
    }
}
