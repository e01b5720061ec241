package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.Objects;

/**
 * A well-framed payload is not exactly one valid JSON value within the configured limits. The frame is
 * lost, but the stream is intact: the peer can be told ({@code bad_json}, or {@code limit_exceeded}
 * naming the {@link #limit()} for valid JSON over a limit) and the connection kept.
 *
 * <p>Immutable; safe from any thread.
 */
public final class BadJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Marks an unknown payload offset. */
    public static final long UNKNOWN_OFFSET = -1;

    private final JsonError error;
    private final long payloadOffset;
    private final JsonLimit limit;

    /**
     * @param error         what was wrong
     * @param payloadOffset the byte offset in the payload where it was found, or {@link #UNKNOWN_OFFSET}
     * @param detail        what the parser saw, for the message
     * @param cause         the parser's exception, or null
     */
    public BadJsonException(JsonError error, long payloadOffset, String detail, Throwable cause) {
        this(error, null, payloadOffset, detail, cause);
    }

    /**
     * A valid payload over a configured limit: {@link JsonError#LIMIT_EXCEEDED}.
     *
     * @param limit         the limit exceeded
     * @param payloadOffset the byte offset in the payload where it was found, or {@link #UNKNOWN_OFFSET}
     * @param detail        what the parser saw, for the message
     * @param cause         the parser's exception, or null
     */
    public BadJsonException(JsonLimit limit, long payloadOffset, String detail, Throwable cause) {
        this(JsonError.LIMIT_EXCEEDED, Objects.requireNonNull(limit, "limit"), payloadOffset, detail, cause);
    }

    private BadJsonException(JsonError error, JsonLimit limit, long payloadOffset, String detail, Throwable cause) {
        super(error.description() + (limit == null ? "" : " (" + limit.wireName() + ")") + ": " + detail
                + (payloadOffset >= 0 ? " (payload offset " + payloadOffset + ")" : ""), cause);
        this.error = error;
        this.payloadOffset = payloadOffset;
        this.limit = error == JsonError.LIMIT_EXCEEDED && limit == null ? JsonLimit.OTHER : limit;
    }

    /** @return what was wrong */
    public JsonError error() {
        return error;
    }

    /**
     * @return the limit exceeded when {@link #error()} is {@link JsonError#LIMIT_EXCEEDED}, else null
     */
    public JsonLimit limit() {
        return limit;
    }

    /** @return the byte offset in the payload where the problem was found, or {@link #UNKNOWN_OFFSET} */
    public long payloadOffset() {
        return payloadOffset;
    }

    /** Translates a jackson parsing failure, keeping its own description and where it happened. */
    static BadJsonException fromJackson(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        long offset = location == null || location.getByteOffset() < 0 ? UNKNOWN_OFFSET : location.getByteOffset();
        if (e instanceof StreamConstraintsException) {
            return new BadJsonException(JsonLimit.ofJacksonViolation(e.getOriginalMessage()), offset,
                    e.getOriginalMessage(), e);
        }
        return new BadJsonException(JsonError.MALFORMED, offset, e.getOriginalMessage(), e);
    }
}
