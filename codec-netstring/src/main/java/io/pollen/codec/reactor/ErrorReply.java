package io.pollen.codec.reactor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonLimit;
import io.pollen.codec.netstring.FramingError;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.netstring.NetstringFramingException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Builds the protocol's error replies, {@code {"type":"error","code":"<code>","message":"<text>"}}, as
 * ready-to-write NetString frames. The one place these replies are made, for the codec and the session
 * layer alike.
 *
 * <p>Stateless; every method is safe from any thread.
 */
public final class ErrorReply {

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorReply() {
    }

    /**
     * @param code    the error code
     * @param message a human-readable explanation, or null to send none
     * @return the framed reply: buffers for {@code Connection.write(ByteBuffer...)}
     */
    public static ByteBuffer[] frame(ErrorCode code, String message) {
        return NetstringEncoder.encode(ByteBuffer.wrap(json(code, message)));
    }

    /**
     * @param code    the error code
     * @param message a human-readable explanation, or null to send none
     * @return the reply's JSON payload, unframed, in UTF-8
     */
    public static byte[] json(ErrorCode code, String message) {
        return json(code, null, message);
    }

    /**
     * @param code    the error code
     * @param limit   the limit a {@code limit_exceeded} reply names in its {@code "limit"} member, or null for none
     * @param message a human-readable explanation, or null to send none
     * @return the reply's JSON payload, unframed, in UTF-8
     */
    private static byte[] json(ErrorCode code, JsonLimit limit, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (message == null ? 0 : message.length()));
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("type", "error");
            generator.writeStringField("code", code.wireName());
            if (limit != null) {
                generator.writeStringField("limit", limit.wireName());
            }
            if (message != null) {
                generator.writeStringField("message", message);
            }
            generator.writeEndObject();
        } catch (IOException e) {
            // A generator writing to memory cannot fail on I/O; jackson only declares the exception.
            throw new UncheckedIOException("writing an error reply to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * @param error the framing error
     * @return {@link ErrorCode#TOO_LARGE} for a length over the maximum, else {@link ErrorCode#BAD_FRAME}
     */
    public static ErrorCode codeFor(NetstringFramingException error) {
        return error.error() == FramingError.LENGTH_OVER_MAXIMUM ? ErrorCode.TOO_LARGE : ErrorCode.BAD_FRAME;
    }

    /**
     * @param error the framing error
     * @return the framed {@code too_large} or {@code bad_frame} reply
     */
    public static ByteBuffer[] forFramingError(NetstringFramingException error) {
        return frame(codeFor(error), error.getMessage());
    }

    /**
     * @param error the JSON error
     * @return {@link ErrorCode#LIMIT_EXCEEDED} for valid JSON over a configured limit, else {@link ErrorCode#BAD_JSON}
     */
    public static ErrorCode codeFor(BadJsonException error) {
        return error.limit() != null ? ErrorCode.LIMIT_EXCEEDED : ErrorCode.BAD_JSON;
    }

    /**
     * @param error the JSON error
     * @return the framed {@code bad_json} reply, or {@code limit_exceeded} with the limit's name in
     *         {@code "limit"} for valid JSON over a limit
     */
    public static ByteBuffer[] forBadJson(BadJsonException error) {
        return NetstringEncoder.encode(ByteBuffer.wrap(json(codeFor(error), error.limit(), error.getMessage())));
    }

    /**
     * @param error the message error
     * @return the framed {@code bad_message} reply
     */
    public static ByteBuffer[] forBadMessage(BadMessageException error) {
        return frame(ErrorCode.BAD_MESSAGE, error.getMessage());
    }
}
