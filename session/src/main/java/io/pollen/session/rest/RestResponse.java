package io.pollen.session.rest;

import java.util.Map;

/**
 * One complete answer, built before anything is written so that a failure while building it can still
 * become a clean error answer. Immutable.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type}, or null without a body
 * @param body        the body, empty for none
 * @param headers     further headers ({@code Allow}, {@code WWW-Authenticate}, ...)
 */
record RestResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** The content type of every JSON answer. */
    static final String JSON = "application/json";
    /** The content type Prometheus scrapers ask for. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final byte[] NO_BODY = new byte[0];

    /**
     * @param status the HTTP status
     * @param body   a JSON body
     * @return the answer
     */
    static RestResponse json(int status, byte[] body) {
        return new RestResponse(status, JSON, body, Map.of());
    }

    /**
     * @param contentType the text's content type
     * @param body        the text
     * @return a 200 answer
     */
    static RestResponse text(String contentType, byte[] body) {
        return new RestResponse(200, contentType, body, Map.of());
    }

    /** @return a 204 answer without a body */
    static RestResponse noContent() {
        return new RestResponse(204, null, NO_BODY, Map.of());
    }

    /**
     * @param error   the code and status
     * @param message what was wrong and what to do
     * @return the JSON error answer
     */
    static RestResponse error(RestError error, String message) {
        return error(error, message, Map.of());
    }

    /**
     * @param error   the code and status
     * @param message what was wrong and what to do
     * @param headers further headers
     * @return the JSON error answer
     */
    static RestResponse error(RestError error, String message, Map<String, String> headers) {
        return new RestResponse(error.status(), JSON, JsonBodies.error(error, message), headers);
    }
}
