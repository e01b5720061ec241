package io.pollen.codec.json;

import java.nio.ByteBuffer;

/**
 * Finds a comma directly followed by {@code '}'}, outside strings, in a payload fed in chunks.
 *
 * <p>Why this exists: jackson-core's non-blocking parser (observed in 2.23.0) accepts the trailing
 * comma of {@code {"a":1,}} when a chunk boundary falls between the comma and the closing brace,
 * although it rejects the same document fed whole, and rejects {@code [1,]} wherever it is split.
 * Whether a document is accepted must not depend on how TCP cut it, so the stream parser runs this
 * scan beside jackson. It tracks only whether it is inside a string (and after a backslash there),
 * and whether the last significant byte outside strings was a comma; UTF-8 continuation bytes are
 * never {@code '"'} or {@code '\\'}, so bytes can be examined one at a time.
 *
 * <p>Not thread-safe; owned by one {@link JsonStreamParser}.
 */
final class TrailingCommaGuard {

    /** Marks "nothing found" in {@link #scan}'s result. */
    static final long NONE = -1;

    private static final int OUTSIDE_STRING = 0;
    private static final int IN_STRING = 1;
    private static final int AFTER_BACKSLASH = 2;

    private int state = OUTSIDE_STRING;
    private boolean afterComma;
    private long offset;

    /**
     * Scans the next chunk, continuing from the previous one.
     *
     * @param chunk the bytes, from position to limit; not moved
     * @return the payload offset of the first {@code '}'} that directly follows a comma, or {@link #NONE}
     */
    long scan(ByteBuffer chunk) {
        int start = chunk.position();
        int end = chunk.limit();
        long found = NONE;
        for (int i = start; i < end; i++) {
            byte b = chunk.get(i);
            switch (state) {
                case OUTSIDE_STRING:
                    if (b == '"') {
                        state = IN_STRING;
                        afterComma = false;
                    } else if (b == ',') {
                        afterComma = true;
                    } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                        if (b == '}' && afterComma && found == NONE) {
                            found = offset + i - start;
                        }
                        afterComma = false;
                    }
                    break;
                case IN_STRING:
                    if (b == '\\') {
                        state = AFTER_BACKSLASH;
                    } else if (b == '"') {
                        state = OUTSIDE_STRING;
                    }
                    break;
                default:
                    state = IN_STRING;
                    break;
            }
        }
        offset += end - start;
        return found;
    }
}
