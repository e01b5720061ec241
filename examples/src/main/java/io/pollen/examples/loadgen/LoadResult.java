package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;

/**
 * What a load run ends with: its counters and every round trip it timed, kept whole (not as
 * percentiles) so that the runs of several processes can be merged before the percentiles are read.
 *
 * <p>Immutable once made: the histogram is the result's own copy, never recorded into again. Safe
 * from any thread.
 *
 * @param counts     the counters at the end
 * @param roundTrips every timed round trip, in microseconds
 */
record LoadResult(LoadCounts counts, Histogram roundTrips) {

    /**
     * @param other the result of another part of the same run (another process)
     * @return both together, round trips merged
     */
    LoadResult plus(LoadResult other) {
        Histogram merged = LoadStats.newHistogram();
        merged.add(roundTrips);
        merged.add(other.roundTrips);
        return new LoadResult(counts.plus(other.counts), merged);
    }

    /** @return the summary line's values: the counts, and percentiles of all the round trips */
    LoadSummary summary() {
        boolean any = roundTrips.getTotalCount() > 0;
        return new LoadSummary(counts.connected(), counts.failed(), counts.pings(), counts.pongs(),
                counts.reconnects(), counts.retried(), counts.lost(),
                any ? roundTrips.getValueAtPercentile(50) : 0,
                any ? roundTrips.getValueAtPercentile(99) : 0,
                any ? roundTrips.getValueAtPercentile(99.9) : 0,
                any ? roundTrips.getMaxValue() : 0);
    }
}
