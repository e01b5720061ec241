package io.pollen.codec.reactor;

import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.reactor.Connection;

/**
 * What an application does with the messages of its connections, as delivered by a
 * {@link MessageConnectionHandler}. Only {@link #onMessage} must be written; the defaults answer
 * errors as the wire protocol says.
 *
 * <h2>Threading</h2>
 * Every callback runs on the connection's loop thread, one at a time per connection. One instance may
 * serve many connections (each callback names its connection), in which case state across connections
 * is the implementation's to guard.
 */
public interface MessageHandler {

    /**
     * A small message arrived, whole. A {@link BadMessageException} thrown from here (by a typed getter
     * of the message, say) is answered with {@link #onBadMessage} and the connection stays open.
     *
     * @param connection the connection
     * @param message    the message, immutable and safe to keep or pass to another thread
     */
    void onMessage(Connection connection, JsonMessage message);

    /**
     * A message above the large-message threshold begins. Return a listener to consume it as tokens
     * while it arrives; its outcome comes to the listener ({@code onComplete} or {@code onAbort}), and
     * bad JSON or a bad message is also reported to {@link #onBadJson} / {@link #onBadMessage}. The
     * listener learns the message's top-level {@code "type"} as soon as it is parsed
     * ({@link JsonTokenListener#onType}), whatever the order of the members.
     * The default returns null: such messages are refused with {@code bad_message} and skipped, and the
     * connection stays open.
     *
     * @param connection the connection
     * @param length     the payload's declared length in bytes
     * @return the listener for this message, or null to refuse it
     */
    default JsonTokenListener onLargeMessage(Connection connection, long length) {
        return null;
    }

    /**
     * An empty frame ({@code 0:,}) arrived: the cheapest keep-alive.
     *
     * @param connection the connection
     */
    default void onKeepAlive(Connection connection) {
    }

    /**
     * A well-framed payload was not valid JSON, or valid JSON over a configured limit
     * ({@link BadJsonException#limit()} says which). The default replies {@code bad_json}, or
     * {@code limit_exceeded} naming the limit ({@link ErrorReply#forBadJson}); the connection stays
     * open either way. A reply the connection does not queue (its peer does not read, or it is closing)
     * is logged at DEBUG by the logger {@code io.pollen.codec.reactor.ErrorReplyWriter}, naming the
     * connection and the {@link io.pollen.reactor.WriteResult}.
     *
     * @param connection the connection
     * @param error      what was wrong
     */
    default void onBadJson(Connection connection, BadJsonException error) {
        ErrorReplyWriter.write(connection, ErrorReply.forBadJson(error), ErrorReply.codeFor(error).wireName());
    }

    /**
     * Valid JSON was not a usable message. The default replies {@code bad_message}, reporting a reply
     * that is not queued as {@link #onBadJson} does; the connection stays open either way.
     *
     * @param connection the connection
     * @param error      what was wrong
     */
    default void onBadMessage(Connection connection, BadMessageException error) {
        ErrorReplyWriter.write(connection, ErrorReply.forBadMessage(error), "bad_message");
    }

    /**
     * The stream broke the NetString format. The {@code bad_frame} or {@code too_large} reply has been
     * written (best effort: one not queued is logged as for {@link #onBadJson}) and the connection is
     * closed when this returns; this callback is for logging and metrics.
     *
     * @param connection the connection
     * @param error      what was wrong, and where
     */
    default void onFramingError(Connection connection, NetstringFramingException error) {
    }

    /**
     * The connection is established.
     *
     * @param connection the connection
     */
    default void onOpen(Connection connection) {
    }

    /**
     * The peer shut down its side. The default closes the connection once queued writes are sent.
     *
     * @param connection the connection
     */
    default void onInputClosed(Connection connection) {
        connection.close();
    }

    /**
     * The connection crossed a write water mark.
     *
     * @param connection the connection
     * @param writable   false above the high water mark, true again below the low one
     */
    default void onWritabilityChanged(Connection connection, boolean writable) {
    }

    /**
     * The connection is closed. A large message in progress has been aborted before this call.
     *
     * @param connection the connection
     * @param cause      null for an orderly close, else what closed it
     */
    default void onClose(Connection connection, Throwable cause) {
    }
}
