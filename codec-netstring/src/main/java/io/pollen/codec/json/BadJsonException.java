package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * A well-framed payload is not exactly one valid JSON value within the configured limits. The frame is
 * lost, but the stream is intact: the peer can be told ({@code bad_json}) and the connection kept.
 *
 * <p>Immutable; safe from any thread.
 */
public final class BadJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Marks an unknown payload offset. */
    public static final long UNKNOWN_OFFSET = -1;

    private final JsonError error;
    private final long payloadOffset;

    /**
     * @param error         what was wrong
     * @param payloadOffset the byte offset in the payload where it was found, or {@link #UNKNOWN_OFFSET}
     * @param detail        what the parser saw, for the message
     * @param cause         the parser's exception, or null
     */
    public BadJsonException(JsonError error, long payloadOffset, String detail, Throwable cause) {
        super(error.description() + ": " + detail
                + (payloadOffset >= 0 ? " (payload offset " + payloadOffset + ")" : ""), cause);
        this.error = error;
        this.payloadOffset = payloadOffset;
    }

    /** @return what was wrong */
    public JsonError error() {
        return error;
    }

    /** @return the byte offset in the payload where the problem was found, or {@link #UNKNOWN_OFFSET} */
    public long payloadOffset() {
        return payloadOffset;
    }

    /** Translates a jackson parsing failure, keeping its own description and where it happened. */
    static BadJsonException fromJackson(JsonProcessingException e) {
        JsonError error = e instanceof StreamConstraintsException ? JsonError.LIMIT_EXCEEDED : JsonError.MALFORMED;
        JsonLocation location = e.getLocation();
        long offset = location == null ? UNKNOWN_OFFSET : location.getByteOffset();
        return new BadJsonException(error, offset < 0 ? UNKNOWN_OFFSET : offset, e.getOriginalMessage(), e);
    }
}
