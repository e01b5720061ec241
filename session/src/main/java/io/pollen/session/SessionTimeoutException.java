package io.pollen.session;

import java.io.IOException;
import java.time.Duration;

/**
 * The close cause of a session that stayed silent for its keep-alive limit. The client was sent a
 * {@code timeout} error frame (best effort) before the close.
 */
public class SessionTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param sessionId the session
     * @param silence   how long it had been silent
     * @param policy    the policy it broke
     */
    public SessionTimeoutException(String sessionId, Duration silence, KeepAlivePolicy policy) {
        super("session " + sessionId + " was silent for " + silence.toMillis() + " ms, past "
                + policy.misses() + " keep-alive intervals of " + policy.interval().toMillis()
                + " ms; clients must send a frame (an empty one, 0:, will do) at least once per interval");
    }
}
