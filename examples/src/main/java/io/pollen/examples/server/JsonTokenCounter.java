package io.pollen.examples.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Counts the JSON tokens of a payload that arrived whole, the way the codec counts those of a
 * streamed one (every token of the root value: braces, brackets, field names and scalars), so that an
 * {@code upload}'s {@code ack} says the same whichever side of the large-message threshold it fell.
 *
 * <p>The payload was already validated by the codec; counting it again costs a second pass over bytes
 * that are in cache, the price of not holding a token list per message.
 *
 * <p>Stateless; safe from any thread.
 */
final class JsonTokenCounter {
    // Limits are the codec's business and were enforced before the message reached the handler.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonTokenCounter() {
    }

    /**
     * @param payload a valid JSON document; read from position to limit, position unchanged
     * @return how many tokens it holds
     */
    static long count(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        long tokens = 0;
        try (JsonParser parser = JSON.createParser(bytes)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("re-reading a payload the codec had validated failed", e);
        }
        return tokens;
    }
}
