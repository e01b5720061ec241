package io.pollen.examples.server;

import io.pollen.codec.json.BadMessageException;
import io.pollen.session.SendResult;
import io.pollen.session.Session;

import java.lang.System.Logger.Level;

/**
 * What the example server does with a reply its session did not queue, so that none is dropped
 * silently. Every refusal is logged at WARNING. A closed session has no one left to tell; any other
 * refusal (the session's write queue is full, too many streamed replies are pending, the reply is over
 * the frame limit) is also told to the client, by a {@link BadMessageException} the session layer
 * turns into a {@code bad_message} error frame, so that a client waiting for its echo hears why.
 *
 * <p>Stateless; safe from any thread.
 */
final class UnsentReplies {
    private static final System.Logger LOG = System.getLogger(UnsentReplies.class.getName());

    private UnsentReplies() {
    }

    /**
     * @param session the session the reply was for
     * @param result  what became of its send
     * @param reply   what the reply was, for the log and the client ("the ack", "the echo of 5000000 bytes")
     * @throws BadMessageException if the reply was refused while the session is open
     */
    static void check(Session session, SendResult result, String reply) {
        if (result.isQueued()) {
            return;
        }
        LOG.log(Level.WARNING, reply + " for session " + session.id() + " was not sent: " + result);
        if (result != SendResult.CLOSED && result != SendResult.UNKNOWN_SESSION) {
            throw new BadMessageException(reply + " could not be sent back (" + result + ")");
        }
    }
}
