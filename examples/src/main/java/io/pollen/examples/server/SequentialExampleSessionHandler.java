package io.pollen.examples.server;

import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.session.SendResult;
import io.pollen.session.SequentialSession;
import io.pollen.session.SequentialSessionHandler;
import io.pollen.session.Session;

/**
 * The example server's application as sequential code ({@code server --sequential}), answering on the
 * wire exactly as {@link ExampleSessionHandler} does: {@code echo} with the same object, {@code upload}
 * with an {@code ack} counting its bytes and tokens, anything else with {@code bad_message} (the session
 * stays open).
 *
 * <p>Messages above the large-message threshold are not queued for the session's thread: they stream
 * through the same {@link StreamedMessageListener} on the loop thread as with callbacks, so a 100 MB
 * upload costs no more memory here than there.
 *
 * <h2>Threading</h2>
 * Stateless; one instance serves every session. {@link #run} runs on each session's own thread (a
 * virtual thread on Java 21+), {@link #onLargeMessage} on its loop thread.
 */
public final class SequentialExampleSessionHandler implements SequentialSessionHandler {

    @Override
    public void run(SequentialSession session) throws InterruptedException {
        for (JsonMessage message; (message = session.receive()) != null; ) {
            // A waited send is refused only when the session has closed (a frame never outgrows the write
            // cap, see ExampleServerConfig): either way this session is over.
            if (!answer(session, message).isQueued()) {
                return;
            }
        }
    }

    private static SendResult answer(SequentialSession session, JsonMessage message) {
        try {
            String type = message.type();
            if (ExampleMessages.ECHO.equals(type)) {
                return session.send(message.payload());
            }
            if (ExampleMessages.UPLOAD.equals(type)) {
                return session.send(ExampleMessages.ack(message.payloadLength(), JsonTokenCounter.count(message.payload())));
            }
            return session.refuse(new BadMessageException(ExampleMessages.unknownType(type)));
        } catch (BadMessageException e) {
            return session.refuse(e);
        }
    }

    @Override
    public JsonTokenListener onLargeMessage(Session session, long length) {
        return new StreamedMessageListener(session);
    }
}
