package io.pollen.session.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.JsonLimits;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Checks that a request body is exactly one JSON value, in UTF-8, within the {@link JsonLimits}, so a
 * client is never sent a frame that its own codec would answer with {@code bad_json}.
 *
 * <p>It only validates: the body is then sent verbatim, so nothing is built from it. Any JSON value is
 * accepted, not only objects: what a client expects is the application's business.
 *
 * <p>Immutable after construction; safe from any thread.
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
     * @param body the whole body
     * @throws RestRequestException with {@link RestError#BAD_JSON}, saying what is wrong and where
     */
    void validate(byte[] body) throws RestRequestException {
        requireUtf8(body);
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw badJson("the body is empty or whitespace only; send one JSON value");
            }
            int depth = 0;
            while (true) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    checkStringLength(parser);
                } else if (token.isNumeric()) {
                    // Reading the type makes jackson enforce the number length limit.
                    parser.getNumberType();
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw badJson("content follows the first JSON value at byte "
                        + parser.currentTokenLocation().getByteOffset() + "; send exactly one value");
            }
        } catch (JsonProcessingException e) {
            throw badJson("the body is not valid JSON: " + e.getOriginalMessage() + " at byte "
                    + (e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getByteOffset())));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a byte array failed", e);
        }
    }

    /**
     * Jackson guesses UTF-16 and UTF-32 from zero bytes and byte-order marks, and skips a UTF-8 mark.
     * Frames carry UTF-8 without a mark, and the body is forwarded verbatim, so refuse all of those
     * here: no valid UTF-8 JSON holds a zero byte.
     */
    private static void requireUtf8(byte[] body) throws RestRequestException {
        int head = Math.min(body.length, 4);
        for (int i = 0; i < head; i++) {
            if (body[i] == 0) {
                throw badJson("the body looks like UTF-16 or UTF-32; send UTF-8");
            }
        }
        if (head >= 2 && ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF
                || (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)) {
            throw badJson("the body starts with a UTF-16 byte-order mark; send UTF-8");
        }
        if (head >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw badJson("the body starts with a UTF-8 byte-order mark, which clients do not expect; remove it");
        }
    }

    /** Jackson checks its own string limit only as its buffer grows; check it exactly, as the codec does. */
    private void checkStringLength(JsonParser parser) throws IOException, RestRequestException {
        int length = parser.getTextLength();
        if (length > maxStringLength) {
            throw badJson("a string of " + length + " characters at byte "
                    + parser.currentTokenLocation().getByteOffset() + " is longer than the limit of "
                    + maxStringLength);
        }
    }

    private static RestRequestException badJson(String message) {
        return new RestRequestException(RestError.BAD_JSON, message);
    }
}
