package io.pollen.examples.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.session.Session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Consumes one message above the large-message threshold as it streams in, in bounded memory whatever
 * its size. An {@code upload} is only counted; the codec supplies the byte and token counts of the
 * {@code ack}. An {@code echo} must be sent back whole, so its raw bytes are copied as they come
 * ({@link #onChunk}: the very bytes the client sent) into a {@link ReplySpool}: in memory up to
 * {@link #ECHO_MEMORY_LIMIT}, then in a temporary file, sent back with {@link Session#sendFile} and
 * deleted once sent. The copy is dropped (its file deleted) as soon as the codec reports the top-level
 * {@code "type"} ({@link #onType}) to be something else, or when the message is given up; a
 * {@code "type"} that comes last means the copy is made to the end, on disk, and then dropped. A type
 * that is neither is refused as soon as it is read, and the rest of the message skipped.
 *
 * <p>Every reply's send is checked ({@link UnsentReplies}).
 *
 * <h2>Threading</h2>
 * One instance per large message, called on the session's loop thread only.
 */
final class StreamedMessageListener implements JsonTokenListener {
    /** Bytes of an echo's copy kept in the heap; a longer echo is copied to a temporary file. */
    static final int ECHO_MEMORY_LIMIT = 1 << 20;

    private final Session session;
    /** The echo's copy while the message may still be an echo; null once it cannot be. */
    private ReplySpool echoCopy = new ReplySpool(ECHO_MEMORY_LIMIT);

    /** @param session the session the message arrives on, which gets the reply */
    StreamedMessageListener(Session session) {
        this.session = session;
    }

    /** @throws IOException if the echo's copy cannot be written to its temporary file; the message is then given up */
    @Override
    public void onChunk(ByteBuffer chunk) throws IOException {
        if (echoCopy != null) {
            echoCopy.write(chunk);
        }
    }

    /** Tokens matter only to the codec's count, which the ack reports. */
    @Override
    public void onToken(JsonToken token, JsonParser parser) {
    }

    /**
     * The codec has read the top-level type: an upload needs no copy, and any other type but echo is
     * refused now rather than after parsing the rest of a message no one will use.
     */
    @Override
    public void onType(String type) {
        if (ExampleMessages.ECHO.equals(type)) {
            return;
        }
        dropEchoCopy();
        if (!ExampleMessages.UPLOAD.equals(type)) {
            throw new BadMessageException(ExampleMessages.unknownType(type));
        }
    }

    /** The type is one {@link #onType} accepted: an upload is acked, an echo's copy sent back. */
    @Override
    public void onComplete(String messageType, long payloadBytes, long tokenCount) {
        if (ExampleMessages.UPLOAD.equals(messageType)) {
            UnsentReplies.check(session, session.send(ExampleMessages.ack(payloadBytes, tokenCount)), "the ack");
        } else {
            ReplySpool copy = echoCopy;
            echoCopy = null;
            UnsentReplies.check(session, copy.sendTo(session), "the echo of " + copy.length() + " bytes");
        }
    }

    @Override
    public void onAbort(Throwable cause) {
        // The codec has told the peer why, if it could; only the copy needs letting go.
        dropEchoCopy();
    }

    private void dropEchoCopy() {
        if (echoCopy != null) {
            echoCopy.discard();
            echoCopy = null;
        }
    }
}
