package io.pollen.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.JsonTokenListener;

import java.io.IOException;

/**
 * Wraps the application's listener for a large message so that a message still arriving counts as
 * a sign of life: a 100 MB upload may take longer than a keep-alive interval. Loop thread only.
 */
final class LivenessTrackingListener implements JsonTokenListener {
    private final JsonTokenListener delegate;
    private final ServerSession session;

    LivenessTrackingListener(JsonTokenListener delegate, ServerSession session) {
        this.delegate = delegate;
        this.session = session;
    }

    @Override
    public void onToken(JsonToken token, JsonParser parser) throws IOException {
        session.touch();
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
