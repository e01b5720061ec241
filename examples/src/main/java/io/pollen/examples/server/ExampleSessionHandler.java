package io.pollen.examples.server;

import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.session.Session;
import io.pollen.session.SessionHandler;

/**
 * The example server's application: answers {@code echo} with the same object and {@code upload} with
 * an {@code ack} counting its bytes and tokens. Anything else is refused with {@code bad_message} and
 * the session stays open. {@code hello}, {@code ping} and keep-alives never get here: the session layer
 * answers them.
 *
 * <p>Messages above the large-message threshold arrive as token streams
 * ({@link #onLargeMessage}) and are never held whole: an {@code echo}'s copy moves from memory to a
 * temporary file past a bound ({@link StreamedMessageListener}). A reply that is not queued is logged
 * and, while the session is open, answered with {@code bad_message} ({@link UnsentReplies}).
 *
 * <h2>Threading</h2>
 * Stateless; one instance serves every session. Callbacks run as {@link SessionHandler} says: one at a
 * time per session, on its loop thread.
 */
public final class ExampleSessionHandler implements SessionHandler {

    @Override
    public void onMessage(Session session, JsonMessage message) {
        String type = message.type();
        if (ExampleMessages.ECHO.equals(type)) {
            UnsentReplies.check(session, session.send(message.payload()), "the echo of " + message.payloadLength() + " bytes");
        } else if (ExampleMessages.UPLOAD.equals(type)) {
            UnsentReplies.check(session, session.send(ExampleMessages.ack(message.payloadLength(),
                    JsonTokenCounter.count(message.payload()))), "the ack");
        } else {
            throw new BadMessageException(ExampleMessages.unknownType(type));
        }
    }

    @Override
    public JsonTokenListener onLargeMessage(Session session, long length) {
        return new StreamedMessageListener(session);
    }
}
