package io.pollen.examples.supervisor;

import java.time.Duration;

/**
 * How long a supervisor waits before it restarts a worker that died: one second, doubling with each
 * death in a row up to half a minute, and back to one second once a worker has stayed up for a minute,
 * so a worker that cannot start (a bad option, Redis away) is retried without a busy loop and a rare
 * crash is mended at once.
 *
 * <p>Not thread-safe: one per worker, used by whoever restarts it.
 */
final class RestartBackoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MOST = Duration.ofSeconds(30);
    /** A worker that lived this long died of something new: its next restart is immediate again. */
    static final Duration STABLE = Duration.ofMinutes(1);

    private Duration next = FIRST;

    /**
     * @param lived how long the worker ran before it died
     * @return how long to wait before starting it again
     */
    Duration afterDeath(Duration lived) {
        if (lived.compareTo(STABLE) >= 0) {
            next = FIRST;
        }
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(MOST) > 0 ? MOST : next.multipliedBy(2);
        return wait;
    }
}
