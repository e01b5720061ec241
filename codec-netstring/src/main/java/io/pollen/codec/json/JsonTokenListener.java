package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Consumes a large message as a stream of JSON tokens, as a {@link JsonStreamParser} reads them. This
 * is how a handler processes a message too big to hold: count it, forward it, write it to disk.
 *
 * <p>Tokens arrive only when the payload's value is an object (anything else is refused with
 * {@link BadMessageException} at the end). They arrive before the whole payload is known to be valid:
 * the outcome comes last, as exactly one call to {@link #onComplete} or {@link #onAbort}. The message's
 * top-level {@code "type"} is announced by {@link #onType} as soon as its value is parsed, wherever it
 * stands among the members, so a listener can decide what the message is without buffering it.
 * In order: for each chunk read, {@link #onChunk} with its raw bytes, then {@link #onToken} for each
 * token the chunk completes ({@link #onType} right after the type's own token); the outcome last.
 *
 * <h2>Threading</h2>
 * Called on the thread feeding the parser (the connection's loop thread), one call at a time.
 */
public interface JsonTokenListener {

    /**
     * The next token. Its value may be read from {@code parser} ({@code getText()},
     * {@code getLongValue()}, {@code currentName()}, ...) during this call only; the listener must not
     * move the parser ({@code nextToken()}, {@code skipChildren()}, {@code close()}).
     *
     * @param token  the token, never {@link JsonToken#NOT_AVAILABLE}
     * @param parser the parser positioned on the token
     * @throws IOException if reading the token's value fails (a number out of range, say); the message
     *                     is then given up
     */
    void onToken(JsonToken token, JsonParser parser) throws IOException;

    /**
     * The next chunk of the payload's raw bytes arrived and is about to be parsed: called once per chunk
     * (one per read of the connection), before the tokens it completes, even when it completes none
     * (inside a long string). This is how a listener sees the message at the pace of the reads rather
     * than of the tokens: a sign of life for a keep-alive, a progress report, or the bytes themselves,
     * to forward or spool verbatim (what was sent, byte for byte) while the tokens say what they mean.
     * The bytes are not yet known to be valid JSON: the outcome still comes last.
     *
     * <p>The default does nothing.
     *
     * @param chunk the bytes, from position to limit, read-only; valid during this call only (the
     *              connection's read buffer is reused afterwards), so copy what must be kept
     * @throws IOException if the listener fails to use the bytes (to write them to a file, say); the
     *                     message is then given up, as for {@link #onToken}
     * @throws BadMessageException to give the message up, as from {@link #onType}
     */
    default void onChunk(ByteBuffer chunk) throws IOException {
    }

    /**
     * The message's top-level {@code "type"} member has been read: called as soon as its string value
     * is parsed, right after that value's {@link #onToken}, before any token that follows it; so with
     * {@code "type"} first the listener knows the message's type from its first members, and with
     * {@code "type"} last it learns it just before the closing brace. Called at most once per message,
     * and only for what {@link #onComplete} will report: never for a {@code "type"} member nested in a
     * value (an object or an array inside the message), nor for a top-level {@code "type"} whose value
     * is not a string (the message then ends with {@link BadMessageException}), nor for a second
     * top-level {@code "type"} (the first one counts, as for small messages). A message without one gets
     * no call at all, and its outcome as usual.
     *
     * <p>The type arrives before the payload is known to be valid JSON: whatever the listener decides on
     * it (drop a copy, pick a destination) the outcome still comes last. To refuse the message at once,
     * throw {@link BadMessageException}: the message is given up ({@link #onAbort} is called with that
     * exception), the rest of its frame is skipped, and the peer is answered {@code bad_message}.
     *
     * <p>The default does nothing.
     *
     * @param type the value of the top-level {@code "type"} member, never null
     * @throws BadMessageException to refuse the message because of its type
     */
    default void onType(String type) {
    }

    /**
     * The whole payload was one valid JSON object with a string {@code "type"}; no token follows.
     *
     * @param type         the value of the top-level {@code "type"} field
     * @param payloadBytes the payload's length in bytes
     * @param tokenCount   how many tokens were delivered
     */
    default void onComplete(String type, long payloadBytes, long tokenCount) {
    }

    /**
     * The message was given up; no token follows. State kept for it should be dropped.
     *
     * @param cause why: a {@link BadJsonException}, a {@link BadMessageException}, the listener's own
     *              exception, or whatever ended the stream (a framing error, the connection closing)
     */
    default void onAbort(Throwable cause) {
    }
}
