package io.pollen.session;

import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.codec.reactor.ErrorCode;
import io.pollen.codec.reactor.ErrorReply;
import io.pollen.codec.reactor.MessageHandler;
import io.pollen.reactor.Connection;
import io.pollen.reactor.WriteResult;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The session layer's side of one connection: turns codec events into session events. Answers
 * {@code hello} (claiming an id), {@code ping} and keep-alives itself, records a {@code pong} to a
 * server ping, counts errors, and hands every other message to the application.
 *
 * <p>One instance per server, shared by all its connections: each connection's session is its
 * {@linkplain Connection#attachment() attachment}, so a connection costs this layer no object of its
 * own. Every method runs on the calling connection's loop thread.
 */
final class SessionProtocol implements MessageHandler {
    private static final System.Logger LOG = System.getLogger(SessionProtocol.class.getName());
    /** Longest id a client may claim, so that ids cannot be used to bloat the registry. */
    static final int MAX_ID_LENGTH = 256;
    /** The framing of the cheapest keep-alive, {@code 0:,}. */
    private static final long EMPTY_FRAME_BYTES = NetstringEncoder.frameLength(0);

    private final SessionContext context;

    SessionProtocol(SessionContext context) {
        this.context = context;
    }

    @Override
    public void onOpen(Connection connection) {
        ServerSession session = new ServerSession(connection, context);
        connection.attach(session);
        context.sessions.add(session);
        session.start();
        session.dispatch(() -> context.handler.onSessionOpened(session));
    }

    @Override
    public void onKeepAlive(Connection connection) {
        session(connection).frameReceived(EMPTY_FRAME_BYTES);
    }

    @Override
    public void onMessage(Connection connection, JsonMessage message) {
        ServerSession session = session(connection);
        session.frameReceived(NetstringEncoder.frameLength(message.payloadLength()));
        switch (message.type()) {
            case "hello" -> hello(session, message);
            case "ping" -> reply(session, "pong", ProtocolMessages.pong(message));
            case "pong" -> session.onPong(message.getLong("seq", -1));
            default -> deliver(session, message);
        }
    }

    private void hello(ServerSession session, JsonMessage message) {
        String claimed = message.getString("id", null);
        if (claimed != null && (claimed.isBlank() || claimed.length() > MAX_ID_LENGTH)) {
            throw new BadMessageException("a hello id must be 1 to " + MAX_ID_LENGTH + " non-blank characters");
        }
        // The authenticator comes first, so that a refused client learns nothing about which ids are held.
        if (!context.helloAuthenticator.permits(claimed, message, session.remoteAddress())) {
            refuse(session, ErrorCode.UNAUTHORIZED, "the hello was refused by the server's authenticator");
            session.connection().close();
            return;
        }
        if (claimed != null && !claimed.equals(session.id())) {
            if (SessionTable.isAssignedByServer(claimed)) {
                refuse(session, ErrorCode.ID_TAKEN, "ids beginning with " + SessionTable.ASSIGNED_ID_PREFIX
                        + " are assigned by the server and cannot be claimed; this session stays " + session.id());
                return;
            }
            ServerSession displaced = context.sessions.rekey(session, claimed);
            if (displaced != null) {
                displaced.replaced();
            }
        }
        reply(session, "welcome", ProtocolMessages.welcome(session.id(), TimeUnit.NANOSECONDS.toMillis(context.keepAlive.interval().toNanos())));
        session.dispatch(() -> context.handler.onSessionIdentified(session));
    }

    /**
     * Sends a protocol reply. One that is not queued needs no more than a note: a full queue means the
     * client is not reading (the keep-alive or the write cap deals with it), a closed one that it left.
     */
    private void reply(ServerSession session, String what, ByteBuffer payload) {
        SendResult result = session.send(payload);
        if (!result.isQueued()) {
            LOG.log(Level.DEBUG, () -> "the " + what + " to " + session + " was not queued: " + result);
        }
    }

    /** Answers a hello with an error; whatever becomes of the write, the caller's decision stands. */
    private void refuse(ServerSession session, ErrorCode code, String reason) {
        context.metrics.error(code);
        WriteResult result = session.connection().write(ErrorReply.frame(code, reason));
        if (result != WriteResult.QUEUED) {
            LOG.log(Level.DEBUG, () -> "the " + code.wireName() + " reply to " + session + " was not queued: " + result);
        }
    }

    private void deliver(ServerSession session, JsonMessage message) {
        if (context.executor == null) {
            // Inline on the loop: a BadMessageException reaches the codec, which answers bad_message.
            context.handler.onMessage(session, message);
            return;
        }
        session.dispatch(() -> {
            try {
                context.handler.onMessage(session, message);
            } catch (BadMessageException e) {
                onBadMessage(session.connection(), e);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the session handler failed on " + session + "; closing that session", e);
                session.connection().abort();
            }
        });
    }

    @Override
    public JsonTokenListener onLargeMessage(Connection connection, long length) {
        ServerSession session = session(connection);
        session.frameReceived(NetstringEncoder.frameLength(length));
        JsonTokenListener listener = context.handler.onLargeMessage(session, length);
        return listener == null ? null : new LivenessTrackingListener(listener, session);
    }

    @Override
    public void onBadJson(Connection connection, BadJsonException error) {
        ErrorCode code = ErrorReply.codeFor(error);
        context.metrics.error(code);
        errorReplied(connection, code, connection.write(ErrorReply.forBadJson(error)));
    }

    @Override
    public void onBadMessage(Connection connection, BadMessageException error) {
        context.metrics.error(ErrorCode.BAD_MESSAGE);
        errorReplied(connection, ErrorCode.BAD_MESSAGE, connection.write(ErrorReply.forBadMessage(error)));
    }

    /** An error reply not queued needs only a note: the connection stays as the error left it. */
    private static void errorReplied(Connection connection, ErrorCode code, WriteResult result) {
        if (result != WriteResult.QUEUED) {
            LOG.log(Level.DEBUG, () -> "the " + code.wireName() + " reply to " + connection + " was not queued: " + result);
        }
    }

    @Override
    public void onFramingError(Connection connection, NetstringFramingException error) {
        context.metrics.error(ErrorReply.codeFor(error));
    }

    @Override
    public void onWritabilityChanged(Connection connection, boolean writable) {
        ServerSession session = session(connection);
        session.dispatch(() -> context.handler.onWritabilityChanged(session, writable));
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        // No session if the connection closed before onOpen made one (or onOpen failed).
        if (connection.attachment() instanceof ServerSession session) {
            session.closed(cause);
        }
    }

    private static ServerSession session(Connection connection) {
        return (ServerSession) connection.attachment();
    }
}
