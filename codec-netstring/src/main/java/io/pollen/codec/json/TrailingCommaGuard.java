package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonToken;

import java.nio.ByteBuffer;

/**
 * Catches the trailing comma that jackson-core's non-blocking parser lets through when a chunk
 * boundary falls between the comma and the closing brace, looking only at chunk boundaries.
 *
 * <p>Why this exists: jackson-core's non-blocking parser (observed in 2.23.0) accepts the trailing
 * comma of {@code {"a":1,}} when a chunk boundary falls between the comma and the closing brace,
 * although it rejects the same document fed whole, and rejects {@code [1,]} wherever it is split.
 * Whether a document is accepted must not depend on how TCP cut it.
 *
 * <p>How, without scanning every byte: between a value and the {@code '}'} or {@code ']'} that closes
 * its container, valid JSON holds only whitespace, and the bug needs a boundary after the comma. So
 * at the end of each chunk it looks back over trailing whitespace: is the last significant byte a
 * comma? That comma is either structural or inside a string not yet complete, whose string then is
 * the next token. Then the first token jackson delivers after the boundary tells: a closing brace or
 * bracket right after such a comma is the trailing comma. Whitespace-only chunks carry the answer
 * over. The cost is one look at each chunk's end and one test per token, whatever the chunk's size.
 *
 * <p>Not thread-safe; owned by one {@link JsonStreamParser}.
 */
final class TrailingCommaGuard {

    /** Whether the last significant byte before the latest chunk boundary was a comma. */
    private boolean commaBeforeBoundary;
    /** Whether a boundary has passed since the last token: the next token is the one to check. */
    private boolean boundaryPassed;

    /**
     * Notes how a chunk, fully handed to jackson and drained, ends.
     *
     * @param chunk the chunk, from position to limit; not moved
     */
    void chunkEnded(ByteBuffer chunk) {
        int start = chunk.position();
        for (int i = chunk.limit() - 1; i >= start; i--) {
            byte b = chunk.get(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                commaBeforeBoundary = b == ',';
                break;
            }
        }
        // An empty or whitespace-only chunk leaves the answer of the chunk before.
        boundaryPassed = true;
    }

    /**
     * @param token the next token jackson delivered
     * @return true if it closes an object or array right after a comma: a trailing comma
     */
    boolean closesAfterComma(JsonToken token) {
        if (!boundaryPassed) {
            return false;
        }
        boundaryPassed = false;
        boolean trailing = commaBeforeBoundary && token.isStructEnd();
        commaBeforeBoundary = false;
        return trailing;
    }
}
