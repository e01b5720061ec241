package io.pollen.codec.reactor;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.json.JsonStreamParser;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.codec.netstring.NetstringDecoder;
import io.pollen.codec.netstring.NetstringFrameListener;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A reactor {@link ConnectionHandler} that reads NetString-framed JSON messages and hands them to a
 * {@link MessageHandler}: empty frames as keep-alives, small payloads as whole messages, large ones as
 * a token stream parsed while the bytes arrive.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>Bad JSON or a bad message in a well-formed frame: reported to the message handler (by default a
 *       {@code bad_json} / {@code bad_message} reply); the connection stays open and the next frame is
 *       read normally.</li>
 *   <li>A framing error: a best-effort {@code bad_frame} reply ({@code too_large} for a length over the
 *       maximum, sent as soon as the length is read), then a graceful close. Frames completed earlier in
 *       the same read are delivered first.</li>
 * </ul>
 *
 * <h2>Memory</h2>
 * Between frames it holds no buffer and no parser; see {@link NetstringDecoder} for what a partial
 * frame costs. A large message's parser lives from its first byte to its terminating comma.
 *
 * <h2>Threading</h2>
 * One instance per connection (it holds that connection's decoder state); every method runs on the
 * connection's loop thread, as the reactor guarantees. {@link #factory} makes one per connection while
 * sharing the thread-safe parts.
 */
public final class MessageConnectionHandler implements ConnectionHandler {

    private final NetstringDecoder decoder;
    private final JsonMessageParser parser;
    private final MessageHandler handler;
    private final int largeMessageThreshold;
    private final Frames frames = new Frames();

    /** The connection whose read is being decoded; set for the duration of {@link #onRead}. */
    private Connection connection;
    /** The large message in progress, or null. */
    private JsonStreamParser largeMessage;
    private boolean skippingLargeFrame;
    private boolean failed;

    /**
     * @param config  frame and JSON limits; concluded and read now
     * @param parser  the JSON parser, shareable between connections; its limits apply
     * @param handler receives this connection's messages
     * @throws IllegalArgumentException naming a bad setting of {@code config}
     */
    public MessageConnectionHandler(CodecConfig config, JsonMessageParser parser, MessageHandler handler) {
        this.decoder = config.newDecoder();
        this.largeMessageThreshold = config.largeMessageThreshold();
        this.parser = parser;
        this.handler = handler;
    }

    /**
     * Makes a handler per connection, all sharing one {@link JsonMessageParser} built from
     * {@code config}'s JSON limits.
     *
     * @param config  frame and JSON limits; concluded and read now, later changes have no effect
     * @param handler receives the messages of every connection
     * @return a supplier of per-connection handlers, safe to call from any thread
     * @throws IllegalArgumentException naming a bad setting of {@code config}
     */
    public static Supplier<ConnectionHandler> factory(CodecConfig config, MessageHandler handler) {
        config.conclude();
        JsonMessageParser parser = new JsonMessageParser(config.jsonLimits());
        CodecConfig snapshot = new CodecConfig()
                .maxFrameLength(config.maxFrameLength())
                .largeMessageThreshold(config.largeMessageThreshold());
        return () -> new MessageConnectionHandler(snapshot, parser, handler);
    }

    @Override
    public void onOpen(Connection connection) {
        handler.onOpen(connection);
    }

    @Override
    public void onRead(Connection connection, ByteBuffer data) {
        if (failed) {
            // A framing error already condemned the stream; what follows it is noise.
            data.position(data.limit());
            return;
        }
        this.connection = connection;
        try {
            decoder.decode(data, frames);
        } catch (NetstringFramingException e) {
            failed = true;
            abortLargeMessage(e);
            ErrorReplyWriter.write(connection, ErrorReply.forFramingError(e), ErrorReply.codeFor(e).wireName());
            handler.onFramingError(connection, e);
            connection.close();
        } finally {
            this.connection = null;
        }
    }

    @Override
    public void onInputClosed(Connection connection) {
        handler.onInputClosed(connection);
    }

    @Override
    public void onWritabilityChanged(Connection connection, boolean writable) {
        handler.onWritabilityChanged(connection, writable);
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        if (largeMessage != null) {
            abortLargeMessage(cause != null ? cause : new EOFException("the connection closed after "
                    + largeMessage.payloadBytes() + " bytes of a large message"));
        }
        handler.onClose(connection, cause);
    }

    private void abortLargeMessage(Throwable cause) {
        if (largeMessage != null) {
            largeMessage.abort(cause);
            largeMessage = null;
        }
        skippingLargeFrame = false;
    }

    private void onWholeFrame(ByteBuffer payload) {
        if (!connection.isOpen()) {
            return;
        }
        if (!payload.hasRemaining()) {
            handler.onKeepAlive(connection);
            return;
        }
        try {
            handler.onMessage(connection, parser.parse(payload));
        } catch (BadJsonException e) {
            handler.onBadJson(connection, e);
        } catch (BadMessageException e) {
            handler.onBadMessage(connection, e);
        }
    }

    private void onLargeFrameStart(long length) {
        if (!connection.isOpen()) {
            skippingLargeFrame = true;
            return;
        }
        JsonTokenListener listener = handler.onLargeMessage(connection, length);
        if (listener == null) {
            skippingLargeFrame = true;
            handler.onBadMessage(connection, new BadMessageException("a message of " + length
                    + " bytes is over the " + largeMessageThreshold + "-byte limit of this server"));
        } else {
            largeMessage = parser.newStreamParser(listener);
        }
    }

    private void onLargeFrameChunk(ByteBuffer chunk) {
        if (skippingLargeFrame) {
            return;
        }
        if (!connection.isOpen()) {
            abortLargeMessage(new EOFException("the connection was closed during a large message"));
            skippingLargeFrame = true;
            return;
        }
        try {
            largeMessage.feed(chunk);
        } catch (BadJsonException e) {
            largeMessageFailed();
            handler.onBadJson(connection, e);
        } catch (BadMessageException e) {
            largeMessageFailed();
            handler.onBadMessage(connection, e);
        }
    }

    private void onLargeFrameEnd() {
        if (skippingLargeFrame) {
            skippingLargeFrame = false;
            return;
        }
        JsonStreamParser message = largeMessage;
        largeMessage = null;
        try {
            message.finish();
        } catch (BadJsonException e) {
            handler.onBadJson(connection, e);
        } catch (BadMessageException e) {
            handler.onBadMessage(connection, e);
        }
    }

    /** The stream parser has already released itself; the rest of the frame is read and dropped. */
    private void largeMessageFailed() {
        largeMessage = null;
        skippingLargeFrame = true;
    }

    /** Keeps the decoder's callbacks off this class's public surface. */
    private final class Frames implements NetstringFrameListener {

        @Override
        public void onFrame(ByteBuffer payload) {
            onWholeFrame(payload);
        }

        @Override
        public void onLargeFrameStart(long length) {
            MessageConnectionHandler.this.onLargeFrameStart(length);
        }

        @Override
        public void onLargeFrameChunk(ByteBuffer chunk) {
            MessageConnectionHandler.this.onLargeFrameChunk(chunk);
        }

        @Override
        public void onLargeFrameEnd() {
            MessageConnectionHandler.this.onLargeFrameEnd();
        }
    }
}
