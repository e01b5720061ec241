package io.pollen.session;

import io.pollen.codec.reactor.ErrorCode;
import io.pollen.reactor.ReactorMetrics;

/**
 * Counters of a session server, for {@code /metrics}. Safe from any thread.
 */
public interface SessionMetrics {

    /**
     * @param state a state
     * @return open sessions in that state
     */
    int sessions(SessionState state);

    /** @return frames received, all sessions, since start */
    long framesIn();

    /** @return frames queued for sending, all sessions, since start */
    long framesOut();

    /** @return bytes received */
    long bytesIn();

    /** @return bytes queued for sending */
    long bytesOut();

    /**
     * @param code an error code
     * @return error replies of that code sent since start
     */
    long errors(ErrorCode code);

    /** @return sessions closed for silence */
    long timeouts();

    /** @return the reactor's counters (overloads, task-queue depth per loop) */
    ReactorMetrics reactor();

    /**
     * @return the histogram of the ping round trips measured since start; empty unless the server pings
     *         ({@link SessionServerBuilder#pingInterval})
     */
    default RoundTripHistogram roundTrips() {
        return RoundTripHistogram.EMPTY;
    }
}
