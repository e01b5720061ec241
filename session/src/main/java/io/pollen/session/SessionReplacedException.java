package io.pollen.session;

import java.io.IOException;

/**
 * The close cause of a session whose id was claimed by a newer connection (a client reconnecting
 * before its old connection timed out): the newer one wins.
 */
public class SessionReplacedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param sessionId the id both claimed
     */
    public SessionReplacedException(String sessionId) {
        super("session " + sessionId + " was replaced by a newer connection that claimed the same id");
    }
}
