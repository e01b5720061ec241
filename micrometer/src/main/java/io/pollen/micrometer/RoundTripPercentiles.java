package io.pollen.micrometer;

import io.pollen.session.Session;
import io.pollen.session.SessionRegistry;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Percentiles of the round-trip times the session layer records, one per session (each session's
 * latest {@link Session#roundTripTime()}), computed from a snapshot of every open session taken at
 * most once per {@code maxAge}: the gauges of one scrape agree with each other, and a scrape costs one
 * pass over the sessions rather than one per gauge.
 *
 * <p>Holds no reference to the sessions between snapshots, only their times. Safe from any thread.
 */
final class RoundTripPercentiles {
    /** Sessions read per page of the registry while taking a snapshot. */
    private static final int PAGE = 1024;

    private final long maxAgeNanos;
    private long takenAtNanos;
    private boolean taken;
    private long[] sortedNanos = new long[0];

    RoundTripPercentiles(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * @param sessions the sessions to read if the snapshot is stale
     * @param phi      the percentile, in (0, 1]
     * @return the nearest-rank percentile of the measured round trips, in nanoseconds, or NaN if no
     *         session has one yet
     */
    double percentileNanos(SessionRegistry sessions, double phi) {
        long[] sorted = snapshot(sessions);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(phi * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /**
     * @param sessions the sessions to read if the snapshot is stale
     * @return how many open sessions have a measured round trip
     */
    int measured(SessionRegistry sessions) {
        return snapshot(sessions).length;
    }

    private synchronized long[] snapshot(SessionRegistry sessions) {
        long now = System.nanoTime();
        if (!taken || now - takenAtNanos >= maxAgeNanos) {
            sortedNanos = read(sessions);
            takenAtNanos = now;
            taken = true;
        }
        return sortedNanos;
    }

    private static long[] read(SessionRegistry sessions) {
        long[] times = new long[16];
        int count = 0;
        String after = null;
        List<Session> page;
        do {
            page = sessions.page(after, PAGE);
            for (Session session : page) {
                Optional<Duration> rtt = session.roundTripTime();
                if (rtt.isPresent()) {
                    if (count == times.length) {
                        times = Arrays.copyOf(times, count * 2);
                    }
                    times[count++] = rtt.get().toNanos();
                }
            }
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).id();
            }
        } while (page.size() == PAGE);
        long[] sorted = Arrays.copyOf(times, count);
        Arrays.sort(sorted);
        return sorted;
    }
}
