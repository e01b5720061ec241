package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;

/**
 * The application's side of a session server. The session layer itself answers {@code hello},
 * {@code ping} and empty keep-alive frames; everything else comes here.
 *
 * <h2>Threading</h2>
 * Callbacks for one session run one at a time and in arrival order: on the session's loop thread by
 * default, or on the application's executor if one was given (still one at a time per session). A
 * callback that throws closes that session only.
 */
public interface SessionHandler {

    /**
     * A session opened (before any {@code hello}: its id may still change once, see
     * {@link #onSessionIdentified}).
     *
     * @param session the session
     */
    default void onSessionOpened(Session session) {
    }

    /**
     * The client claimed an id with {@code hello}; the session is now registered under it.
     *
     * @param session the session
     */
    default void onSessionIdentified(Session session) {
    }

    /**
     * A message other than {@code hello}/{@code ping} arrived.
     *
     * @param session the session
     * @param message the message, immutable
     * @throws io.pollen.codec.json.BadMessageException to have the client told {@code bad_message}
     */
    void onMessage(Session session, JsonMessage message);

    /**
     * A message above the large-message threshold begins; return a listener to stream it, or null to
     * refuse it with {@code bad_message} (the default). Always called on the loop thread, and so is the
     * listener. The message's top-level {@code "type"} reaches the listener's
     * {@link JsonTokenListener#onType} as soon as it is parsed, whatever the order of the members: that
     * is where to decide what the message is, without buffering it.
     *
     * @param session the session
     * @param length  its declared length in bytes
     * @return the listener, or null
     */
    default JsonTokenListener onLargeMessage(Session session, long length) {
        return null;
    }

    /**
     * The session's health changed.
     *
     * @param session  the session
     * @param previous the old state
     * @param current  the new state
     */
    default void onStateChanged(Session session, SessionState previous, SessionState current) {
    }

    /**
     * The session's write queue crossed a water mark: above the high one the client reads more slowly
     * than the application sends; below the low one it has caught up.
     *
     * @param session  the session
     * @param writable false above the high water mark, true again below the low one
     */
    default void onWritabilityChanged(Session session, boolean writable) {
    }

    /**
     * The session closed.
     *
     * @param session the session
     * @param cause   null for an orderly close, else why
     */
    default void onSessionClosed(Session session, Throwable cause) {
    }
}
