package io.pollen.codec.json;

/**
 * Why a payload was not accepted as one JSON value. Immutable; safe from any thread.
 */
public enum JsonError {

    /** The payload holds no JSON value at all (empty, or whitespace only). */
    EMPTY("the payload holds no JSON value"),

    /** The payload is not valid JSON (syntax, invalid UTF-8, a value cut short). */
    MALFORMED("the payload is not valid JSON"),

    /** A complete JSON value is followed by more content; a frame carries exactly one value. */
    TRAILING_CONTENT("the JSON value is followed by more content"),

    /** A configured limit (depth, string, number, name or document length) was exceeded. */
    LIMIT_EXCEEDED("the JSON exceeds a configured limit");

    private final String description;

    JsonError(String description) {
        this.description = description;
    }

    /** @return one sentence saying what was wrong, without details of the payload */
    public String description() {
        return description;
    }
}
