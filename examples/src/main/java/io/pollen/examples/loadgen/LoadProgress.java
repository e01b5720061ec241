package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;

/**
 * One second's progress of a load run: how far opening has come, the counters so far, and the round
 * trips of that second alone.
 *
 * <p>The histogram is lent, not given: the run records the next second into it, so a sink reads it
 * during {@link ProgressSink#onProgress} and keeps nothing of it but a copy.
 *
 * @param elapsedSeconds seconds since the run began
 * @param opened         clients opened so far
 * @param clients        clients planned
 * @param counts         the counters so far
 * @param lastSecond     the round trips timed since the previous progress, in microseconds
 */
record LoadProgress(long elapsedSeconds, long opened, long clients, LoadCounts counts, Histogram lastSecond) {
}
