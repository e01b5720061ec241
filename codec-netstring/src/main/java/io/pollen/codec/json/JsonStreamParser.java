package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parses one large payload incrementally with jackson's non-blocking parser: each chunk is parsed as
 * it arrives and handed on as tokens to a {@link JsonTokenListener}, so memory stays bounded by the
 * limits (the longest string or number, the nesting depth), not by the payload's size.
 *
 * <h2>Lifecycle</h2>
 * Made by {@link JsonMessageParser#newStreamParser} for one payload: {@link #feed} each chunk, then
 * {@link #finish()} after the last one, or {@link #abort} if the payload will not be completed. The
 * parser is released when it completes, fails or is aborted, and the listener learns the outcome once.
 * A failing {@code feed} or {@code finish} has already released the parser and told the listener.
 *
 * <h2>Validation</h2>
 * The same rules as for small messages, whatever the chunking: exactly one JSON value (trailing
 * content is an error), the configured limits, and an object with a string {@code "type"} at its top
 * level. The listener hears that type ({@link JsonTokenListener#onType}) as soon as it is read. Bad
 * JSON is reported as soon as it is seen; a value that is not an object, or lacks a type,
 * once the payload is complete and known to be valid JSON. Two checks run beside jackson because its
 * non-blocking parser (2.23.0) accepts {@code {"a":1,}} and {@code {"a":}} when a chunk boundary falls
 * after the comma or colon: see {@code TrailingCommaGuard}, and the field-name check in this class.
 *
 * <h2>Threading</h2>
 * Not thread-safe: one thread (the connection's loop thread) feeds it.
 */
public final class JsonStreamParser {

    private final JsonParser parser;
    private final ByteBufferFeeder feeder;
    private final JsonTokenListener listener;
    private final long maxDocumentLength;
    private final int maxStringLength;
    private final TrailingCommaGuard trailingCommaGuard = new TrailingCommaGuard();

    private long payloadBytes;
    private long tokenCount;
    private int depth;
    private boolean rootSeen;
    private boolean rootIsObject;
    private boolean rootDone;
    private boolean afterFieldName;
    private boolean typeFieldSeen;
    private boolean nextValueIsType;
    private String type;
    private boolean ended;

    JsonStreamParser(JsonParser parser, JsonTokenListener listener, long maxDocumentLength, int maxStringLength) {
        this.parser = parser;
        this.feeder = (ByteBufferFeeder) parser.getNonBlockingInputFeeder();
        this.listener = listener;
        this.maxDocumentLength = maxDocumentLength;
        this.maxStringLength = maxStringLength;
    }

    /**
     * Parses the next chunk of the payload and delivers the tokens it completes.
     *
     * @param chunk the next bytes, from position to limit; read during this call only, and its
     *              position is not changed
     * @throws BadJsonException    if the payload so far is not valid JSON or exceeds a limit
     * @throws BadMessageException if the listener failed to take the chunk or read a token's value, or
     *                             refused the message (from {@link JsonTokenListener#onChunk},
     *                             {@link JsonTokenListener#onToken} or {@link JsonTokenListener#onType})
     * @throws IllegalStateException if the parser has already ended
     */
    public void feed(ByteBuffer chunk) throws BadJsonException {
        requireActive();
        payloadBytes += chunk.remaining();
        if (maxDocumentLength != JsonLimits.NO_DOCUMENT_LIMIT && payloadBytes > maxDocumentLength) {
            throw fail(new BadJsonException(JsonLimit.DOCUMENT_LENGTH, maxDocumentLength,
                    "the document is longer than the limit of " + maxDocumentLength + " bytes", null));
        }
        try {
            listener.onChunk(chunk.asReadOnlyBuffer());
        } catch (IOException e) {
            throw fail(new BadMessageException("the handler could not take " + chunk.remaining() + " bytes of the message: "
                    + e.getMessage(), e));
        } catch (BadMessageException e) {
            throw fail(e);
        }
        try {
            feeder.feedInput(chunk.duplicate());
        } catch (JsonProcessingException e) {
            throw fail(BadJsonException.fromJackson(e));
        } catch (IOException e) {
            throw fail(new IllegalStateException("jackson refused input while it needed more", e));
        }
        drain();
        trailingCommaGuard.chunkEnded(chunk);
    }

    /**
     * Declares the payload complete, checks it, and tells the listener the outcome.
     *
     * @throws BadJsonException    if the payload is not one complete valid JSON value
     * @throws BadMessageException if the value is not an object with a string {@code "type"}
     * @throws IllegalStateException if the parser has already ended
     */
    public void finish() throws BadJsonException {
        requireActive();
        feeder.endOfInput();
        drain();
        if (!rootDone) {
            throw fail(tokenCount == 0 && !rootSeen
                    ? new BadJsonException(JsonError.EMPTY, 0, "the payload is empty or whitespace only", null)
                    : new BadJsonException(JsonError.MALFORMED, payloadBytes, "the payload ends inside a value",
                            null));
        }
        if (!rootIsObject) {
            throw fail(new BadMessageException("the payload is not a JSON object"));
        }
        if (type == null) {
            throw fail(new BadMessageException("the message has no string field \"" + MessageFields.TYPE + "\""));
        }
        end();
        listener.onComplete(type, payloadBytes, tokenCount);
    }

    /**
     * Gives the payload up: the listener's {@link JsonTokenListener#onAbort} is called and the parser
     * released. Does nothing if the parser has already ended.
     *
     * @param cause why the payload will not be completed
     */
    public void abort(Throwable cause) {
        if (!ended) {
            end();
            listener.onAbort(cause);
        }
    }

    /** @return the payload bytes fed so far */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** @return the tokens delivered so far */
    public long tokenCount() {
        return tokenCount;
    }

    /** @return the top-level {@code "type"} once it has been read, else null */
    public String type() {
        return type;
    }

    /** @return true once the parser has completed, failed or been aborted */
    public boolean isEnded() {
        return ended;
    }

    private void drain() throws BadJsonException {
        while (true) {
            JsonToken token;
            try {
                token = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw fail(BadJsonException.fromJackson(e));
            } catch (IOException e) {
                throw fail(new IllegalStateException("jackson failed on in-memory input", e));
            }
            if (token == null || token == JsonToken.NOT_AVAILABLE) {
                return;
            }
            accept(token);
        }
    }

    private void accept(JsonToken token) throws BadJsonException {
        if (trailingCommaGuard.closesAfterComma(token)) {
            throw fail(new BadJsonException(JsonError.MALFORMED, parser.currentTokenLocation().getByteOffset(),
                    "a ',' is followed by " + JsonMessageParser.describe(token) + ": trailing commas are not JSON", null));
        }
        if (rootDone) {
            throw fail(new BadJsonException(JsonError.TRAILING_CONTENT, parser.currentTokenLocation().getByteOffset(),
                    JsonMessageParser.describe(token) + " follows the first value", null));
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                JsonMessageParser.checkStringLength(parser, maxStringLength);
            } catch (BadJsonException e) {
                throw fail(e);
            } catch (IOException e) {
                throw fail(new IllegalStateException("jackson failed to measure a string it had parsed", e));
            }
        }
        if (afterFieldName && !token.isScalarValue() && !token.isStructStart()) {
            // Jackson's non-blocking parser (2.23.0) lets '"name": }' through when a chunk ends after the colon.
            throw fail(new BadJsonException(JsonError.MALFORMED, parser.currentTokenLocation().getByteOffset(),
                    "a field name is followed by " + JsonMessageParser.describe(token) + " instead of a value", null));
        }
        afterFieldName = token == JsonToken.FIELD_NAME;
        int tokenDepth = depth;
        if (!rootSeen) {
            rootSeen = true;
            rootIsObject = token == JsonToken.START_OBJECT;
        }
        if (token.isStructStart()) {
            depth++;
        } else if (token.isStructEnd()) {
            depth--;
        }
        if (rootIsObject) {
            boolean typeRead = trackType(token, tokenDepth);
            tokenCount++;
            try {
                listener.onToken(token, parser);
                if (typeRead) {
                    listener.onType(type);
                }
            } catch (IOException e) {
                throw fail(new BadMessageException("the handler could not read " + JsonMessageParser.describe(token)
                        + ": " + e.getMessage(), e));
            } catch (BadMessageException e) {
                // The listener refused the message (by its type, say): give it up here, so it hears onAbort.
                throw fail(e);
            }
        }
        if (depth == 0) {
            rootDone = true;
        }
    }

    /**
     * Remembers the first top-level "type" field's value, the way {@link JsonMessage} reads it.
     *
     * @return true if {@code token} is that value, a string: the listener is then told
     */
    private boolean trackType(JsonToken token, int tokenDepth) {
        if (tokenDepth != 1) {
            return false;
        }
        if (token == JsonToken.FIELD_NAME) {
            nextValueIsType = !typeFieldSeen && MessageFields.TYPE.equals(currentName());
            typeFieldSeen |= nextValueIsType;
        } else if (nextValueIsType) {
            nextValueIsType = false;
            if (token == JsonToken.VALUE_STRING) {
                type = text();
                return true;
            }
        }
        return false;
    }

    private String currentName() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw new IllegalStateException("jackson failed to return a field name it had parsed", e);
        }
    }

    private String text() {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw new IllegalStateException("jackson failed to return a string it had parsed", e);
        }
    }

    private <E extends Throwable> E fail(E cause) {
        abort(cause);
        return cause;
    }

    private void requireActive() {
        if (ended) {
            throw new IllegalStateException("this stream parser has ended; make a new one for the next payload");
        }
    }

    private void end() {
        ended = true;
        try {
            parser.close();
        } catch (IOException e) {
            // Closing a non-blocking parser releases buffers only; there is nothing to recover or report.
        }
    }
}
