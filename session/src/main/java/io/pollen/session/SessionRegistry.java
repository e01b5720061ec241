package io.pollen.session;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The open sessions of a server, by id. Safe from any thread; lookups and sends do not block the
 * event loops.
 */
public interface SessionRegistry {

    /**
     * @param id a session id
     * @return the open session with that id
     */
    Optional<Session> find(String id);

    /**
     * Sends one frame to one session.
     *
     * @param id      the session id
     * @param payload the payload, verbatim
     * @return what became of it ({@link SendResult#UNKNOWN_SESSION} if no such session)
     */
    SendResult send(String id, ByteBuffer payload);

    /**
     * Sends one frame to every open session. Each session's result is its own: a full queue skips
     * that session only.
     *
     * @param payload the payload, verbatim; not modified
     * @return how many sessions it was queued for
     */
    int broadcast(ByteBuffer payload);

    /** @return the number of open sessions */
    int size();

    /**
     * @param state a state
     * @return how many open sessions are in it
     */
    int count(SessionState state);

    /**
     * A page of sessions in id order, for listing tens of thousands without copying them all.
     *
     * @param afterId the last id of the previous page, or null for the first page
     * @param limit   at most this many
     * @return the sessions with ids after {@code afterId}, in id order
     */
    List<Session> page(String afterId, int limit);

    /**
     * Closes a session.
     *
     * @param id the session id
     * @return true if it existed
     */
    boolean close(String id);
}
