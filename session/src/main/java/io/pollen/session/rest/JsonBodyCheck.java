package io.pollen.session.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The validation of one request body as its bytes arrive ({@link JsonBodyValidator}'s rules): exactly one
 * JSON value, UTF-8 without a byte-order mark, every string within the exact length limit and the other
 * limits enforced by jackson's {@code StreamReadConstraints}. Memory stays bounded whatever the body's
 * length: jackson's non-blocking parser keeps only the token in progress.
 *
 * <p>Use: {@link #feed} each piece, then {@link #finish}; the first violation throws, and the check is
 * then done. Not thread-safe: one body, one thread.
 */
final class JsonBodyCheck implements AutoCloseable {
    /** How many leading bytes tell UTF-8 from UTF-16/32 and byte-order marks. */
    private static final int HEAD_LENGTH = 4;

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final int maxStringLength;
    /** The first bytes, held back from the parser until the encoding is known to be UTF-8. */
    private final byte[] head = new byte[HEAD_LENGTH];
    private int headLength;
    private boolean headChecked;
    private int depth;
    private boolean valueSeen;
    private boolean valueComplete;

    JsonBodyCheck(JsonParser parser, int maxStringLength) {
        this.parser = parser;
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.maxStringLength = maxStringLength;
    }

    /**
     * Checks the next piece of the body. The parser has consumed {@code bytes} when this returns, so the
     * caller may reuse the array.
     *
     * @param bytes  holds the piece
     * @param offset where it starts
     * @param length its length
     * @throws RestRequestException with {@link RestError#BAD_JSON} at the first violation
     */
    void feed(byte[] bytes, int offset, int length) throws RestRequestException {
        int start = offset;
        int end = offset + length;
        if (!headChecked) {
            int taken = Math.min(end - start, HEAD_LENGTH - headLength);
            System.arraycopy(bytes, start, head, headLength, taken);
            headLength += taken;
            start += taken;
            if (headLength < HEAD_LENGTH) {
                return;
            }
            releaseHead();
        }
        parse(bytes, start, end);
    }

    /**
     * The body has ended: checks that it held a whole value.
     *
     * @throws RestRequestException with {@link RestError#BAD_JSON} if it did not
     */
    void finish() throws RestRequestException {
        if (!headChecked) {
            releaseHead();
        }
        feeder.endOfInput();
        drainTokens();
        if (!valueSeen) {
            throw badJson("the body is empty or whitespace only; send one JSON value");
        }
        if (!valueComplete) {
            // jackson reports a truncated document as an error at end of input; this is a backstop.
            throw badJson("the body is not valid JSON: it ends inside its value");
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing a parser over memory failed", e);
        }
    }

    private void releaseHead() throws RestRequestException {
        headChecked = true;
        requireUtf8(head, headLength);
        parse(head, 0, headLength);
    }

    private void parse(byte[] bytes, int start, int end) throws RestRequestException {
        if (start == end) {
            return;
        }
        try {
            feeder.feedInput(bytes, start, end);
        } catch (IOException e) {
            throw new UncheckedIOException("jackson refused input although it had consumed the last", e);
        }
        drainTokens();
    }

    /** Reads every token the fed bytes complete; jackson then has consumed them all. */
    private void drainTokens() throws RestRequestException {
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                if (valueComplete) {
                    throw badJson("content follows the first JSON value at byte "
                            + parser.currentTokenLocation().getByteOffset() + "; send exactly one value");
                }
                valueSeen = true;
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    checkStringLength();
                } else if (token.isNumeric()) {
                    // Reading the type makes jackson enforce the number length limit.
                    parser.getNumberType();
                }
                if (depth == 0 && token != JsonToken.FIELD_NAME) {
                    valueComplete = true;
                }
            }
        } catch (JsonProcessingException e) {
            throw badJson("the body is not valid JSON: " + e.getOriginalMessage() + " at byte "
                    + (e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getByteOffset())));
        } catch (IOException e) {
            throw new UncheckedIOException("parsing JSON from memory failed", e);
        }
    }

    /**
     * Jackson guesses UTF-16 and UTF-32 from zero bytes and byte-order marks, and skips a UTF-8 mark.
     * Frames carry UTF-8 without a mark, and the body is forwarded verbatim, so refuse all of those
     * here: no valid UTF-8 JSON holds a zero byte.
     */
    private static void requireUtf8(byte[] body, int length) throws RestRequestException {
        for (int i = 0; i < length; i++) {
            if (body[i] == 0) {
                throw badJson("the body looks like UTF-16 or UTF-32; send UTF-8");
            }
        }
        if (length >= 2 && ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF
                || (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)) {
            throw badJson("the body starts with a UTF-16 byte-order mark; send UTF-8");
        }
        if (length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw badJson("the body starts with a UTF-8 byte-order mark, which clients do not expect; remove it");
        }
    }

    /** Jackson checks its own string limit only as its buffer grows; check it exactly, as the codec does. */
    private void checkStringLength() throws IOException, RestRequestException {
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
