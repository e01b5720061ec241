package io.pollen.session.rest;

/**
 * The {@code "error"} codes of the gateway's JSON error answers, each with its HTTP status, declared
 * once so an endpoint names a code and never a bare number. Immutable; safe from any thread.
 */
enum RestError {
    /** A malformed request other than its body: a bad {@code limit}, a bad escape in the path. */
    BAD_REQUEST(400, "bad_request"),
    /** The body is not exactly one valid UTF-8 JSON value within the limits. */
    BAD_JSON(400, "bad_json"),
    /** No or the wrong bearer token. */
    UNAUTHORIZED(401, "unauthorized"),
    /** No endpoint at that path. */
    NOT_FOUND(404, "not_found"),
    /** No open session has that id. */
    UNKNOWN_SESSION(404, "unknown_session"),
    /** The session exists but is closing, so nothing more is sent to it. */
    SESSION_CLOSED(404, "session_closed"),
    /** The endpoint exists but not for that method; the answer carries {@code Allow}. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** The body is longer than the server's frame limit. */
    TOO_LARGE(413, "too_large"),
    /** The gateway failed; the server log says why. */
    INTERNAL_ERROR(500, "internal_error"),
    /** The session's write queue is at its cap: its client reads too slowly. Retry later. */
    QUEUE_FULL(503, "queue_full"),
    /**
     * A body above the spool threshold finds the gateway's spool budget ({@link RestGatewayConfig#maxSpoolBytes})
     * used up by earlier large messages still waiting to be sent. Retry later.
     */
    SPOOL_FULL(503, "spool_full"),
    /** The cluster's routing layer cannot be reached: sessions of other nodes are out of reach. */
    CLUSTER_UNAVAILABLE(503, "cluster_unavailable"),
    /** The node that holds the session (or the cluster) did not answer in time. */
    NODE_TIMEOUT(504, "node_timeout");

    private final int status;
    private final String code;

    RestError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** @return the HTTP status */
    int status() {
        return status;
    }

    /** @return the {@code "error"} value of the JSON answer */
    String code() {
        return code;
    }
}
