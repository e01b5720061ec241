package io.pollen.session.rest;

import com.fasterxml.jackson.core.JsonFactory;
import io.pollen.codec.json.JsonLimits;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Checks that a request body is exactly one JSON value, in UTF-8, within the {@link JsonLimits}, so a
 * client is never sent a frame that its own codec would answer with {@code bad_json}.
 *
 * <p>It only validates: the body is then sent verbatim, so nothing is built from it. Any JSON value is
 * accepted, not only objects: what a client expects is the application's business. Bodies are checked
 * as they arrive, by a {@link JsonBodyCheck} per body over jackson's non-blocking parser, so a body of
 * any size is validated in bounded memory; a body already in memory goes through the same check.
 *
 * <p>Immutable after construction; safe from any thread. Each {@link JsonBodyCheck} it makes belongs to
 * one thread.
 */
final class JsonBodyValidator {
    private final JsonFactory factory;
    private final int maxStringLength;

    /**
     * @param limits the limits to enforce; copied
     */
    JsonBodyValidator(JsonLimits limits) {
        this.maxStringLength = limits.maxStringLength();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(limits.toStreamReadConstraints())
                // Field names come from HTTP clients: interning them would grow the JVM's string table.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    /**
     * @return a check for one body, to feed as its bytes arrive; close it when done
     */
    JsonBodyCheck begin() {
        try {
            return new JsonBodyCheck(factory.createNonBlockingByteArrayParser(), maxStringLength);
        } catch (IOException e) {
            throw new UncheckedIOException("jackson could not make a non-blocking parser", e);
        }
    }

    /**
     * Checks a whole body at once: the same check as a streamed one, fed in one piece.
     *
     * @param body the whole body
     * @throws RestRequestException with {@link RestError#BAD_JSON}, saying what is wrong and where
     */
    void validate(byte[] body) throws RestRequestException {
        try (JsonBodyCheck check = begin()) {
            check.feed(body, 0, body.length);
            check.finish();
        }
    }
}
