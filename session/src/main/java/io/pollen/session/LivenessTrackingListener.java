package io.pollen.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.JsonTokenListener;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Wraps the application's listener for a large message so that a message still arriving counts as
 * a sign of life: a 100 MB upload may take longer than a keep-alive interval, and every read of it
 * ({@link JsonTokenListener#onChunk}) touches the session. Loop thread only.
 */
final class LivenessTrackingListener implements JsonTokenListener {
    private final JsonTokenListener delegate;
    private final ServerSession session;

    LivenessTrackingListener(JsonTokenListener delegate, ServerSession session) {
        this.delegate = delegate;
        this.session = session;
    }

    /**
     * Touches the session once per read, not per token: a touch reads the clock and writes a volatile,
     * which per token (23 million in a 100 MB upload) cost the upload more than half of its time. Per
     * read it also counts the bytes of one long string, which completes no token for many reads.
     */
    @Override
    public void onChunk(ByteBuffer chunk) throws IOException {
        session.touch();
        delegate.onChunk(chunk);
    }

    @Override
    public void onToken(JsonToken token, JsonParser parser) throws IOException {
        delegate.onToken(token, parser);
    }

    @Override
    public void onType(String type) {
        delegate.onType(type);
    }

    @Override
    public void onComplete(String type, long payloadBytes, long tokenCount) {
        delegate.onComplete(type, payloadBytes, tokenCount);
    }

    @Override
    public void onAbort(Throwable cause) {
        delegate.onAbort(cause);
    }
}
