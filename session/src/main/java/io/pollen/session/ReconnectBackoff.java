package io.pollen.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: the n-th retry waits a random time between zero and
 * {@code min(max, base * 2^n)}, so that thousands of clients cut off by one server restart do not
 * come back in one synchronized wave. A successful connection resets it. Not thread-safe; owned by
 * one client's loop.
 */
final class ReconnectBackoff {
    private final long baseNanos;
    private final long maxNanos;
    private int attempts;

    ReconnectBackoff(Duration base, Duration max) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** @return the delay before the next attempt, in nanoseconds */
    long nextDelayNanos() {
        long ceiling = attempts >= 62 ? maxNanos : Math.min(maxNanos, baseNanos << Math.min(attempts, 30));
        attempts++;
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    void reset() {
        attempts = 0;
    }

    int attempts() {
        return attempts;
    }
}
