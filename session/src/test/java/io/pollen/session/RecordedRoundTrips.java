package io.pollen.session;

/** Builds a {@link RoundTripHistogram} holding given round trips, for tests outside this package. */
public final class RecordedRoundTrips {
    private RecordedRoundTrips() {
    }

    /**
     * @param nanos the round trips to record
     * @return a histogram that recorded exactly those
     */
    public static RoundTripHistogram of(long... nanos) {
        RoundTripHistogram histogram = new RoundTripHistogram();
        for (long n : nanos) {
            histogram.record(n);
        }
        return histogram;
    }
}
