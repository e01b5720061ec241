package io.pollen.session;

import io.pollen.codec.json.JsonTokenListener;

/**
 * The application of a session server written as straight-line code, one call per session:
 *
 * <pre>{@code
 * SessionServer server = SessionServer.builder()
 *         .sequential(session -> {
 *             for (JsonMessage m; (m = session.receive()) != null; ) {
 *                 session.send(m.payload());          // blocks while the client reads too slowly
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link #run} starts when the session opens (before its {@code hello}), on a thread of its own: a
 * virtual thread on Java 21+, or one of the application's
 * {@link SessionServerBuilder#sessionThreads(java.util.concurrent.ThreadFactory) thread factory}.
 * {@link SequentialSession#receive()} returns null once the session has closed and every message that
 * arrived before is taken; that is the loop's clean end. When {@code run} returns, the session is closed
 * gracefully (queued frames are still sent); when it throws, that session alone is aborted and the
 * exception logged. The thread ends with {@code run}.
 *
 * <h2>Threading</h2>
 * {@link #run} runs on the session's own thread, never on a loop thread, so it may block.
 * {@link #onLargeMessage} runs on the session's loop thread and must not block. One instance serves
 * every session, so state shared between sessions is the implementation's to guard.
 */
@FunctionalInterface
public interface SequentialSessionHandler {

    /**
     * The whole life of one session.
     *
     * @param session the session, to receive from and send to
     * @throws Exception anything; it closes this session only
     */
    void run(SequentialSession session) throws Exception;

    /**
     * A message above the large-message threshold begins. It is never queued whole for {@link #run}:
     * return a listener that consumes it as tokens while it arrives, on the loop thread (it may send a
     * reply, such as a summary, from there), or null to have it refused with {@code bad_message}, the
     * default. The listener learns the message's top-level {@code "type"} from
     * {@link JsonTokenListener#onType} as soon as it is parsed, whatever the order of the members. A
     * reply sent from the listener may overtake replies {@link #run} has yet to send for
     * messages still in the inbox.
     *
     * @param session the session
     * @param length  the payload's declared length in bytes
     * @return the listener, or null
     */
    default JsonTokenListener onLargeMessage(Session session, long length) {
        return null;
    }
}
