package io.pollen.codec.json;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Limits on the JSON a peer may send, enforced through jackson's {@link StreamReadConstraints} and
 * checked while parsing, so a hostile document fails early instead of exhausting memory or CPU.
 *
 * <p>The defaults suit messages from untrusted peers: they are much tighter than jackson's own for
 * strings (a 1 MiB string is held whole while parsed, even inside a streamed message) and depth.
 *
 * <p>Same-name fluent setters and getters, each default a constant beside its setter; setters only
 * store, and {@link #conclude()} checks every limit. Whatever consumes the limits concludes them
 * first: {@link JsonMessageParser}'s constructor and {@link #toStreamReadConstraints()}.
 *
 * <h2>Threading</h2>
 * Mutable and not thread-safe: configure it on one thread, then hand it to
 * {@link JsonMessageParser}, which copies the values; later changes do not affect parsers made earlier.
 */
public final class JsonLimits {

    /** Default for {@link #maxNestingDepth(int)}: objects and arrays nested 64 deep. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    /** Default for {@link #maxStringLength(int)}: 1 Mi characters. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;
    /** Default for {@link #maxNumberLength(int)}: 256 characters, far beyond any double or long. */
    public static final int DEFAULT_MAX_NUMBER_LENGTH = 256;
    /** Default for {@link #maxNameLength(int)}: 4 Ki characters per field name. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 4096;
    /** Value of {@link #maxDocumentLength(long)} meaning no limit besides the maximum frame length. */
    public static final long NO_DOCUMENT_LIMIT = -1;
    /** Default for {@link #maxDocumentLength(long)}: the maximum frame length alone bounds a document. */
    public static final long DEFAULT_MAX_DOCUMENT_LENGTH = NO_DOCUMENT_LIMIT;

    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
    private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;
    private long maxDocumentLength = DEFAULT_MAX_DOCUMENT_LENGTH;

    /**
     * @param depth the deepest nesting of objects and arrays allowed, at least 1 (default
     *              {@value #DEFAULT_MAX_NESTING_DEPTH})
     * @return this
     */
    public JsonLimits maxNestingDepth(int depth) {
        this.maxNestingDepth = depth;
        return this;
    }

    /** @return the deepest nesting of objects and arrays allowed */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /**
     * @param length the longest string value allowed, in characters, at least 1 (default
     *               {@link #DEFAULT_MAX_STRING_LENGTH}: 1 Mi)
     * @return this
     */
    public JsonLimits maxStringLength(int length) {
        this.maxStringLength = length;
        return this;
    }

    /** @return the longest string value allowed, in characters */
    public int maxStringLength() {
        return maxStringLength;
    }

    /**
     * @param length the longest number allowed, in characters, at least 1 (default
     *               {@value #DEFAULT_MAX_NUMBER_LENGTH})
     * @return this
     */
    public JsonLimits maxNumberLength(int length) {
        this.maxNumberLength = length;
        return this;
    }

    /** @return the longest number allowed, in characters */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /**
     * @param length the longest field name allowed, in characters, at least 1 (default
     *               {@value #DEFAULT_MAX_NAME_LENGTH})
     * @return this
     */
    public JsonLimits maxNameLength(int length) {
        this.maxNameLength = length;
        return this;
    }

    /** @return the longest field name allowed, in characters */
    public int maxNameLength() {
        return maxNameLength;
    }

    /**
     * @param length the longest document allowed, in bytes, or {@link #NO_DOCUMENT_LIMIT} (the default,
     *               {@link #DEFAULT_MAX_DOCUMENT_LENGTH})
     * @return this
     */
    public JsonLimits maxDocumentLength(long length) {
        this.maxDocumentLength = length;
        return this;
    }

    /** @return the longest document allowed, in bytes, or {@link #NO_DOCUMENT_LIMIT} */
    public long maxDocumentLength() {
        return maxDocumentLength;
    }

    /**
     * Checks every limit: each at least 1, the document length also {@link #NO_DOCUMENT_LIMIT}.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad limit
     */
    public JsonLimits conclude() {
        atLeast(1, maxNestingDepth, "maxNestingDepth");
        atLeast(1, maxStringLength, "maxStringLength");
        atLeast(1, maxNumberLength, "maxNumberLength");
        atLeast(1, maxNameLength, "maxNameLength");
        if (maxDocumentLength != NO_DOCUMENT_LIMIT && maxDocumentLength < 1) {
            throw new IllegalArgumentException("maxDocumentLength must be at least 1 byte, or NO_DOCUMENT_LIMIT ("
                    + NO_DOCUMENT_LIMIT + "), got " + maxDocumentLength);
        }
        return this;
    }

    /** @return new limits with the same values */
    public JsonLimits copy() {
        return new JsonLimits()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .maxDocumentLength(maxDocumentLength);
    }

    /**
     * @return jackson's constraints holding these limits, once {@link #conclude() concluded}
     * @throws IllegalArgumentException naming the first bad limit
     */
    public StreamReadConstraints toStreamReadConstraints() {
        conclude();
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .maxDocumentLength(maxDocumentLength)
                .build();
    }

    @Override
    public String toString() {
        return "JsonLimits{maxNestingDepth=" + maxNestingDepth + ", maxStringLength=" + maxStringLength
                + ", maxNumberLength=" + maxNumberLength + ", maxNameLength=" + maxNameLength
                + ", maxDocumentLength=" + maxDocumentLength + '}';
    }

    private static void atLeast(int minimum, int value, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
    }
}
