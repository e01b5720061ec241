package io.pollen.examples.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.codec.json.MessageFields;
import io.pollen.session.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Consumes one message above the large-message threshold as it streams in. An {@code upload} is only
 * counted, so its size costs no memory; the codec supplies the byte and token counts of the
 * {@code ack}. An {@code echo} must be sent back whole, so its tokens are re-serialized as they come
 * (the same object, whitespace aside); that copy is kept only until the top-level {@code "type"} is
 * known and proves to be something else.
 *
 * <h2>Threading</h2>
 * One instance per large message, called on the session's loop thread only.
 */
final class StreamedMessageListener implements JsonTokenListener {
    private static final JsonFactory JSON = new JsonFactory();

    private final Session session;
    private int depth;
    private boolean nextValueIsType;
    private String type;
    private ByteArrayOutputStream echoCopy = new ByteArrayOutputStream();
    private JsonGenerator echoWriter;

    /** @param session the session the message arrives on, which gets the reply */
    StreamedMessageListener(Session session) {
        this.session = session;
        try {
            this.echoWriter = JSON.createGenerator(echoCopy);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON generator over memory could not be made", e);
        }
    }

    @Override
    public void onToken(JsonToken token, JsonParser parser) throws IOException {
        if (echoWriter != null) {
            echoWriter.copyCurrentEvent(parser);
        }
        if (type == null) {
            watchForType(token, parser);
        }
        if (token.isStructStart()) {
            depth++;
        } else if (token.isStructEnd()) {
            depth--;
        }
    }

    /** Finds the first top-level "type" string, the one the codec reports, to drop the copy early. */
    private void watchForType(JsonToken token, JsonParser parser) throws IOException {
        if (depth != 1) {
            return;
        }
        if (token == JsonToken.FIELD_NAME) {
            nextValueIsType = MessageFields.TYPE.equals(parser.currentName());
        } else if (nextValueIsType) {
            nextValueIsType = false;
            if (token == JsonToken.VALUE_STRING) {
                type = parser.getText();
                if (!ExampleMessages.ECHO.equals(type)) {
                    dropEchoCopy();
                }
            }
        }
    }

    @Override
    public void onComplete(String messageType, long payloadBytes, long tokenCount) {
        if (ExampleMessages.UPLOAD.equals(messageType)) {
            session.send(ExampleMessages.ack(payloadBytes, tokenCount));
        } else if (ExampleMessages.ECHO.equals(messageType) && echoWriter != null) {
            session.send(ByteBuffer.wrap(finishEchoCopy()));
        } else {
            dropEchoCopy();
            throw new BadMessageException(ExampleMessages.unknownType(messageType));
        }
    }

    @Override
    public void onAbort(Throwable cause) {
        // The codec has told the peer why, if it could; only the copy needs letting go.
        dropEchoCopy();
    }

    private byte[] finishEchoCopy() {
        try {
            echoWriter.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing a JSON generator over memory failed", e);
        }
        byte[] copy = echoCopy.toByteArray();
        echoWriter = null;
        echoCopy = null;
        return copy;
    }

    private void dropEchoCopy() {
        echoWriter = null;
        echoCopy = null;
    }
}
