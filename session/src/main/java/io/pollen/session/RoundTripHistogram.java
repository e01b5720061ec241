package io.pollen.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * A cumulative histogram of the ping round trips a session server measured (with
 * {@link SessionServerBuilder#pingInterval}), over fixed buckets from 100 µs to 10 s, in the shape of a
 * Prometheus histogram: every measurement since start, not only the sessions open now.
 *
 * <h2>Assumptions and guarantees</h2>
 * Recording costs one striped add per measurement, no allocation, no lock; the buckets never change.
 * Reads are safe from any thread and never stop the recording loops, so one read of several values may
 * see a few measurements apart (a bucket's count may exceed {@link #count()} read just before it).
 *
 * <h2>Threading</h2>
 * Safe from any thread.
 */
public final class RoundTripHistogram {
    /** The buckets' inclusive upper bounds, in microseconds; a last bucket without bound follows. */
    private static final long[] UPPER_BOUNDS_MICROS = {
            100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
            1_000_000, 2_500_000, 5_000_000, 10_000_000};

    /** A histogram nothing records into, for {@link SessionMetrics} implementations that measure no round trip. */
    static final RoundTripHistogram EMPTY = new RoundTripHistogram();

    private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS_MICROS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    RoundTripHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** @param nanos one measured round trip */
    void record(long nanos) {
        long micros = nanos / 1_000;
        int bucket = 0;
        while (bucket < UPPER_BOUNDS_MICROS.length && micros > UPPER_BOUNDS_MICROS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumNanos.add(nanos);
    }

    /** @return how many bounded buckets there are (the unbounded one not counted) */
    public int boundedBuckets() {
        return UPPER_BOUNDS_MICROS.length;
    }

    /**
     * @param bucket a bucket index, 0 to {@link #boundedBuckets()} - 1
     * @return its inclusive upper bound in microseconds
     */
    public long upperBoundMicros(int bucket) {
        return UPPER_BOUNDS_MICROS[bucket];
    }

    /**
     * @param bucket a bucket index, 0 to {@link #boundedBuckets()} - 1
     * @return the round trips of at most {@link #upperBoundMicros(int)} microseconds (cumulative, as
     *         Prometheus's {@code le} buckets)
     */
    public long countAtMost(int bucket) {
        long total = 0;
        for (int i = 0; i <= bucket; i++) {
            total += buckets[i].sum();
        }
        return total;
    }

    /** @return every round trip measured */
    public long count() {
        long total = 0;
        for (LongAdder bucket : buckets) {
            total += bucket.sum();
        }
        return total;
    }

    /** @return the sum of every round trip measured, in nanoseconds */
    public long sumNanos() {
        return sumNanos.sum();
    }
}
