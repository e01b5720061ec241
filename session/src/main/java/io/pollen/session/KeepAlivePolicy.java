package io.pollen.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How silence is judged: after one {@link #interval()} without an inbound frame a session is
 * {@link SessionState#SUSPECT}; after {@link #misses()} intervals (the {@link #limit()}) it is
 * {@link SessionState#DEAD} and closed.
 *
 * <pre>{@code
 * SessionServer.builder().keepAlive(k -> k.interval(Duration.ofSeconds(10)).misses(2))   // closed after 20 s
 * }</pre>
 *
 * <p>Same-name fluent setters and getters, each default a constant beside its setter; setters only
 * store, {@link #conclude()} checks both settings and their product, and the session server calls it
 * when it is built.
 *
 * <h2>Threading</h2>
 * Mutable and not thread-safe: configure it on one thread before building the server, which keeps a
 * {@link #copy()}; later changes do not affect a running server.
 */
public final class KeepAlivePolicy {
    /** Default for {@link #interval(Duration)}: 30 s, the example server's {@code --keepalive}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** Default for {@link #misses(int)}: 3, the example server's {@code --keepalive-misses}. */
    public static final int DEFAULT_MISSES = 3;

    private Duration interval = DEFAULT_INTERVAL;
    private int misses = DEFAULT_MISSES;

    /**
     * @param interval the keep-alive interval clients are told to respect (the {@code keepalive_ms} of
     *                 the welcome); positive (default {@link #DEFAULT_INTERVAL})
     * @return this
     */
    public KeepAlivePolicy interval(Duration interval) {
        this.interval = interval;
        return this;
    }

    /** @return the keep-alive interval */
    public Duration interval() {
        return interval;
    }

    /**
     * @param misses how many silent intervals close a session; at least 1 (default {@value #DEFAULT_MISSES})
     * @return this
     */
    public KeepAlivePolicy misses(int misses) {
        this.misses = misses;
        return this;
    }

    /** @return how many silent intervals close a session */
    public int misses() {
        return misses;
    }

    /** @return the silence that closes a session: {@link #interval()} times {@link #misses()} */
    public Duration limit() {
        return interval.multipliedBy(misses);
    }

    /**
     * Checks both settings and their product, the {@link #limit()}, which session timers measure in
     * nanoseconds of a {@code long} (about 292 years).
     *
     * @return this
     * @throws IllegalArgumentException naming the bad setting, or both if their product overflows
     * @throws NullPointerException     if the interval is null
     */
    public KeepAlivePolicy conclude() {
        Objects.requireNonNull(interval, "keep-alive interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("keep-alive interval must be positive: " + interval);
        }
        if (misses < 1) {
            throw new IllegalArgumentException("keep-alive misses must be at least 1: " + misses);
        }
        try {
            Math.multiplyExact(interval.toNanos(), (long) misses);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the keep-alive limit, interval (" + interval + ") times misses ("
                    + misses + "), overflows the nanoseconds a session's silence is measured in (about 292 years); "
                    + "lower the interval or the misses", e);
        }
        return this;
    }

    /** @return a new policy with the same settings */
    public KeepAlivePolicy copy() {
        return new KeepAlivePolicy().interval(interval).misses(misses);
    }

    @Override
    public String toString() {
        return "KeepAlivePolicy{interval=" + interval + ", misses=" + misses + '}';
    }
}
