package io.pollen.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTripHistogramTest {

    @Test
    void bucketsAreCumulativeWithInclusiveUpperBounds() {
        // 100 µs exactly belongs to the first bucket (le="0.0001"); 101 µs to the second.
        RoundTripHistogram histogram = RecordedRoundTrips.of(50_000, 100_000, 101_000, 3_000_000, 60_000_000_000L);

        assertThat(histogram.upperBoundMicros(0)).isEqualTo(100);
        assertThat(histogram.countAtMost(0)).isEqualTo(2);
        assertThat(histogram.countAtMost(1)).isEqualTo(3);
        assertThat(histogram.countAtMost(4)).isEqualTo(3);
        assertThat(histogram.countAtMost(5)).isEqualTo(4);
        assertThat(histogram.countAtMost(histogram.boundedBuckets() - 1)).isEqualTo(4);
        assertThat(histogram.count()).isEqualTo(5);
        assertThat(histogram.sumNanos()).isEqualTo(50_000 + 100_000 + 101_000 + 3_000_000 + 60_000_000_000L);
    }

    @Test
    void anEmptyHistogramCountsNothing() {
        RoundTripHistogram histogram = RecordedRoundTrips.of();

        assertThat(histogram.count()).isZero();
        assertThat(histogram.countAtMost(histogram.boundedBuckets() - 1)).isZero();
        assertThat(histogram.sumNanos()).isZero();
    }
}
