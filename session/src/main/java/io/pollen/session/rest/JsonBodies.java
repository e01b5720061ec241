package io.pollen.session.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the gateway's JSON answers with jackson-core's {@link JsonGenerator}, so every string a client
 * or a session id put in an answer is escaped correctly. Safe from any thread.
 */
final class JsonBodies {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** What goes between the generator's creation and its flush. */
    @FunctionalInterface
    interface Content {
        /**
         * @param json the generator to write one value with
         * @throws IOException never in practice: the target is a byte array
         */
        void writeTo(JsonGenerator json) throws IOException;
    }

    private JsonBodies() {
    }

    /**
     * @param content writes one JSON value
     * @return its UTF-8 bytes
     */
    static byte[] write(Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            content.writeTo(json);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; jackson only declares the exception.
            throw new UncheckedIOException("writing JSON to a byte array failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param error   the code
     * @param message what was wrong and what to do
     * @return {@code {"error":"<code>","message":"<message>"}}
     */
    static byte[] error(RestError error, String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("error", error.code());
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }
}
