package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and round-trip histogram of one load run, shared by all clients.
 *
 * <h2>Threading</h2>
 * The recording methods are safe from any thread (loop threads record pongs while the pacer records
 * pings). {@link #takeInterval()} and {@link #result()} belong to the one reporting thread: they
 * move what was recorded into the run's total.
 */
final class LoadStats {
    private static final int SIGNIFICANT_DIGITS = 3;
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final LongAdder pings = new LongAdder();
    private final LongAdder pongs = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder lost = new LongAdder();
    // Wait-free for the recording loop threads; microseconds, three significant digits, auto-resizing.
    private final Recorder roundTrips = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = newHistogram();
    private Histogram interval;

    /** A client got its session. */
    void welcomed() {
        connected.incrementAndGet();
    }

    /**
     * A connection could not be made, or a session was lost.
     *
     * @param wasWelcomed whether the client had held a session (else it never got one)
     */
    void disconnected(boolean wasWelcomed) {
        if (wasWelcomed) {
            connected.decrementAndGet();
        }
        failed.incrementAndGet();
    }

    /** A client got its session back after losing it. */
    void reconnected() {
        reconnects.increment();
    }

    /** A ping was sent again on a new connection. */
    void pingRetried() {
        retried.increment();
    }

    /** A ping will never get its pong. */
    void pingLost() {
        lost.increment();
    }

    /** @return sessions won back */
    long reconnects() {
        return reconnects.sum();
    }

    /** @return pings sent again */
    long retried() {
        return retried.sum();
    }

    /** @return pings that will never get a pong */
    long lost() {
        return lost.sum();
    }

    /** A ping was queued. */
    void pingSent() {
        pings.increment();
    }

    /**
     * @param roundTripNanos the round trip of a timed ping, or a negative value for a pong that
     *                       answered no ping this client timed
     */
    void pongReceived(long roundTripNanos) {
        pongs.increment();
        if (roundTripNanos >= 0) {
            // Sub-microsecond loopback round trips still count, as 1 µs.
            roundTrips.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(roundTripNanos)));
        }
    }

    /** @return clients holding a session now */
    long connected() {
        return connected.get();
    }

    /** @return clients that could not connect or lost their connection */
    long failed() {
        return failed.get();
    }

    /** @return pings sent */
    long pings() {
        return pings.sum();
    }

    /** @return pongs received */
    long pongs() {
        return pongs.sum();
    }

    /**
     * Moves the round trips recorded since the last call into the total. Reporting thread only.
     *
     * @return those round trips alone, valid until the next call
     */
    Histogram takeInterval() {
        interval = roundTrips.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** @return the counters now */
    LoadCounts counts() {
        return new LoadCounts(connected(), failed(), pings(), pongs(), reconnects(), retried(), lost());
    }

    /** @return the run so far, its round trips copied. Reporting thread only. */
    LoadResult result() {
        takeInterval();
        return new LoadResult(counts(), total.copy());
    }

    /**
     * @return an empty histogram of round trips in microseconds as every part of a run records them
     *         (three significant digits, growing to fit), so that the parts merge without loss
     */
    static Histogram newHistogram() {
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }
}
