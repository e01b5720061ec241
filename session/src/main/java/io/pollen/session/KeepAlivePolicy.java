package io.pollen.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How silence is judged: after one {@code interval} without an inbound frame a session is
 * {@link SessionState#SUSPECT}; after {@code misses} intervals it is {@link SessionState#DEAD} and
 * closed.
 *
 * @param interval the keep-alive interval clients are told to respect (the {@code keepalive_ms} of
 *                 the welcome)
 * @param misses   how many silent intervals close a session; at least 1
 */
public record KeepAlivePolicy(Duration interval, int misses) {
    /** The example server's default: 30 s, 3 misses. */
    public static final KeepAlivePolicy DEFAULT = new KeepAlivePolicy(Duration.ofSeconds(30), 3);

    /**
     * @param interval the interval; positive
     * @param misses   at least 1
     */
    public KeepAlivePolicy {
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + interval);
        }
        if (misses < 1) {
            throw new IllegalArgumentException("keep-alive misses must be at least 1: " + misses);
        }
    }
}
