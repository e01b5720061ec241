package io.pollen.codec.reactor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.reactor.Connection;

/**
 * Receives {@link UploadGenerator uploads} from the codec: keeps the counts of the last large message
 * completed and the first thing that went wrong, and answers nothing. It is its own token listener, so
 * streaming allocates nothing here.
 *
 * <p>Shared with the {@code jmh} module through this module's test-jar. Loop thread only, like any
 * {@link MessageHandler}.
 */
public final class UploadRecorder implements MessageHandler, JsonTokenListener {

    private long payloadBytes;
    private long tokens;
    private String failure;

    /**
     * @param upload the upload that was sent
     * @return why it did not arrive whole, as one large message, or null if it did
     */
    public String failure(UploadGenerator upload) {
        if (failure != null) {
            return failure;
        }
        if (payloadBytes != upload.payloadLength() || tokens != upload.tokenCount()) {
            return "the codec completed " + payloadBytes + " bytes and " + tokens + " tokens, expected "
                    + upload.payloadLength() + " bytes and " + upload.tokenCount() + " tokens";
        }
        return null;
    }

    /** @return the payload bytes of the last large message completed, 0 before any */
    public long payloadBytes() {
        return payloadBytes;
    }

    /** @return the tokens of the last large message completed, 0 before any */
    public long tokens() {
        return tokens;
    }

    @Override
    public void onMessage(Connection connection, JsonMessage message) {
        failed("a small message arrived instead of the upload");
    }

    @Override
    public JsonTokenListener onLargeMessage(Connection connection, long length) {
        return this;
    }

    @Override
    public void onToken(JsonToken token, JsonParser parser) {
    }

    @Override
    public void onComplete(String type, long completedBytes, long tokenCount) {
        payloadBytes = completedBytes;
        tokens = tokenCount;
    }

    @Override
    public void onBadJson(Connection connection, BadJsonException error) {
        failed("the upload was refused: " + error.getMessage());
    }

    @Override
    public void onBadMessage(Connection connection, BadMessageException error) {
        failed("the upload was refused: " + error.getMessage());
    }

    private void failed(String why) {
        if (failure == null) {
            failure = why;
        }
    }
}
