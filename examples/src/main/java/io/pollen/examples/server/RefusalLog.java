package io.pollen.examples.server;

import io.pollen.reactor.OverloadListener;
import io.pollen.reactor.OverloadReason;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The example server's account of refused connections and paused accepts: the reactor's
 * {@link OverloadListener}, turned into at most one line per {@link OverloadReason} per interval,
 * saying what was refused, why, how many since the last line, and what to do about it:
 *
 * <pre>
 * pollen: refused 37 connection(s) since the last report (backend_capacity): fd 1031 is beyond
 * select(2)'s FD_SETSIZE of 1024 ...; remedy: use --backend poll or epoll
 * </pre>
 *
 * <p>The first overload of a reason is written at once; those that follow within the interval are
 * counted, and the first one after it writes a line with that count. (Counts of a burst that ends
 * within an interval wait for the next overload of that reason: there is no timer here.)
 *
 * <p>Safe from any thread: the reactor calls it on its loop threads.
 */
public final class RefusalLog implements OverloadListener {
    /** Default time between two lines of one reason. */
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final Map<OverloadReason, Tally> tallies = new EnumMap<>(OverloadReason.class);

    /** Per reason: overloads not yet written, and when the last line was. Guarded by the log. */
    private static final class Tally {
        long unreported;
        long lastLineAt;
        boolean everWritten;
    }

    /**
     * @param out           receives each line (the server passes {@code System.err::println})
     * @param nanoTime      the clock (tests pass a manual one)
     * @param intervalNanos the least time between two lines of one reason
     */
    public RefusalLog(Consumer<String> out, LongSupplier nanoTime, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos must be positive: " + intervalNanos);
        }
        this.out = out;
        this.nanoTime = nanoTime;
        this.intervalNanos = intervalNanos;
        for (OverloadReason reason : OverloadReason.values()) {
            tallies.put(reason, new Tally());
        }
    }

    /** A log to standard error, one line per reason every ten seconds at most. */
    public static RefusalLog toStandardError() {
        return new RefusalLog(System.err::println, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    @Override
    public void onOverload(OverloadReason reason, String detail) {
        String line;
        synchronized (this) {
            Tally tally = tallies.get(reason);
            tally.unreported++;
            long now = nanoTime.getAsLong();
            if (tally.everWritten && now - tally.lastLineAt < intervalNanos) {
                return;
            }
            line = line(reason, tally.unreported, detail);
            tally.unreported = 0;
            tally.lastLineAt = now;
            tally.everWritten = true;
        }
        // Outside the lock: a slow stderr must not hold up the other loops' overloads.
        out.accept(line);
    }

    private static String line(OverloadReason reason, long count, String detail) {
        return "pollen: " + what(reason, count) + " since the last report (" + reason.name().toLowerCase(Locale.ROOT)
                + "): " + detail + "; remedy: " + remedy(reason);
    }

    private static String what(OverloadReason reason, long count) {
        return switch (reason) {
            case DESCRIPTORS_EXHAUSTED -> "paused accepting " + count + " time(s)";
            case ACCEPT_FAILED -> "skipped " + count + " connection(s) that failed to be accepted";
            case MAX_CONNECTIONS, BACKEND_CAPACITY -> "refused " + count + " connection(s)";
        };
    }

    private static String remedy(OverloadReason reason) {
        return switch (reason) {
            case BACKEND_CAPACITY -> "use --backend poll or epoll";
            case DESCRIPTORS_EXHAUSTED -> "raise the open-file limit (ulimit -n)";
            case MAX_CONNECTIONS -> "raise the connection cap, or spread clients over more processes";
            case ACCEPT_FAILED -> "none needed if rare: clients gave up before they were accepted";
        };
    }
}
