package io.pollen.session.rest;

/**
 * A request the gateway refuses, with the {@link RestError} to answer and a message saying what the
 * caller should change. Thrown by the request-reading and endpoint code, turned into a JSON error
 * answer by {@link RestRouter}; it never escapes the gateway.
 */
final class RestRequestException extends Exception {
    private final RestError error;

    /**
     * @param error   the code and status to answer
     * @param message what was wrong and what to do instead; sent to the client
     */
    RestRequestException(RestError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** @return the code and status to answer */
    RestError error() {
        return error;
    }
}
