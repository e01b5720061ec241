package io.pollen.session;

/**
 * What became of a send: every send tells its caller whether the frame will go out.
 */
public enum SendResult {
    /** The frame is queued for the session, bytes accounted. */
    QUEUED,
    /** Not queued: that session's write queue is at its hard cap. Other sessions are unaffected. */
    REJECTED_FULL,
    /** Not queued: the payload is longer than the frame limit, so the peer would refuse it. */
    TOO_LARGE,
    /** Not queued: no session has that id. */
    UNKNOWN_SESSION,
    /** Not queued: the session is closed or closing. */
    CLOSED;

    /** @return true if the frame was queued */
    public boolean isQueued() {
        return this == QUEUED;
    }
}
