package io.pollen.session;

/**
 * A request of a {@link SessionClient} got no response: why ({@link #reason()}), and how many times it
 * was sent ({@link #attempts()}; 0 if it never left the client).
 *
 * <p>Immutable; safe from any thread.
 */
public final class RequestFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Reason {
        /** The connection broke after the last allowed attempt was sent (or reconnecting is off). */
        CONNECTION_LOST,
        /** No response within the request's timeout, counted from the call, across all attempts. */
        TIMED_OUT,
        /** The client's table of pending requests is full ({@link SessionClientBuilder#maxPendingRequests(int)}). */
        TOO_MANY_PENDING,
        /** The payload is longer than the client's frame limit. */
        TOO_LARGE,
        /** The connection's write queue is at its hard cap; the request was not sent. */
        REJECTED_FULL,
        /** The client was closed before the response came. */
        CLIENT_CLOSED
    }

    private final transient Reason reason;
    private final int attempts;

    RequestFailedException(Reason reason, int attempts, String detail) {
        super(reason + " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + detail);
        this.reason = reason;
        this.attempts = attempts;
    }

    /** @return why the request failed */
    public Reason reason() {
        return reason;
    }

    /** @return how many times the request was sent, the first time included */
    public int attempts() {
        return attempts;
    }
}
