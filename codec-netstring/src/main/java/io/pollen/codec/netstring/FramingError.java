package io.pollen.codec.netstring;

/**
 * What was wrong with a NetString stream. Each constant names one rule of the format
 * {@code <decimal length>:<payload>,} that the input broke.
 *
 * <p>Immutable; safe from any thread.
 */
public enum FramingError {

    /** A byte of the length prefix is not an ASCII digit {@code 0-9} (a sign, a space, a non-ASCII digit...). */
    LENGTH_NOT_A_DIGIT("the length prefix holds a byte that is not an ASCII digit"),

    /** The colon came before any digit: the length is empty. */
    EMPTY_LENGTH("the length prefix is empty"),

    /** The length starts with {@code 0} and has more digits; only {@code 0:,} may start with zero. */
    LEADING_ZERO("the length prefix has a leading zero"),

    /** The declared length is larger than the configured maximum frame length. */
    LENGTH_OVER_MAXIMUM("the declared length exceeds the maximum frame length"),

    /** The byte after the payload is not the terminating comma. */
    MISSING_COMMA("the payload is not followed by ','");

    private final String description;

    FramingError(String description) {
        this.description = description;
    }

    /** @return one sentence saying which rule was broken, without stream details */
    public String description() {
        return description;
    }
}
