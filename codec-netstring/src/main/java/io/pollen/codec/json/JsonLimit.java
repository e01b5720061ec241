package io.pollen.codec.json;

/**
 * Which configured limit a valid JSON payload exceeded: the {@code "limit"} member of a
 * {@code limit_exceeded} error reply. Each name is the snake_case form of the {@link JsonLimits}
 * setter that sets the limit. Immutable; safe from any thread.
 */
public enum JsonLimit {
    /** {@link JsonLimits#maxNestingDepth(int)}: arrays and objects nested too deep. */
    NESTING_DEPTH("max_nesting_depth", "getMaxNestingDepth"),
    /** {@link JsonLimits#maxStringLength(int)}: a string value too long. */
    STRING_LENGTH("max_string_length", "getMaxStringLength"),
    /** {@link JsonLimits#maxNumberLength(int)}: a number with too many digits. */
    NUMBER_LENGTH("max_number_length", "getMaxNumberLength"),
    /** {@link JsonLimits#maxNameLength(int)}: a member name too long. */
    NAME_LENGTH("max_name_length", "getMaxNameLength"),
    /** {@link JsonLimits#maxDocumentLength(long)}: the whole payload too long. */
    DOCUMENT_LENGTH("max_document_length", "getMaxDocumentLength"),
    /** A limit of jackson's own that {@link JsonLimits} does not set (e.g. a number's scale). */
    OTHER("other", null);

    private final String wireName;
    /** The jackson accessor that names this constraint in a constraint violation, or null. */
    private final String jacksonAccessor;

    JsonLimit(String wireName, String jacksonAccessor) {
        this.wireName = wireName;
        this.jacksonAccessor = jacksonAccessor;
    }

    /** @return the name sent in a {@code limit_exceeded} reply, e.g. {@code max_nesting_depth} */
    public String wireName() {
        return wireName;
    }

    /**
     * Names the limit a jackson constraint violation is about. Jackson's message is English prose, but
     * it ends with the accessor of the violated constraint ({@code StreamReadConstraints.getMaxNestingDepth()}),
     * a code identifier that does not change with wording or locale: that is what is matched.
     *
     * @param jacksonMessage the violation's message, or null
     * @return the limit, or {@link #OTHER} if the message names none of those Pollen sets
     */
    static JsonLimit ofJacksonViolation(String jacksonMessage) {
        if (jacksonMessage != null) {
            for (JsonLimit limit : values()) {
                if (limit.jacksonAccessor != null && jacksonMessage.contains("." + limit.jacksonAccessor + "()")) {
                    return limit;
                }
            }
        }
        return OTHER;
    }
}
