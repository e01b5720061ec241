package io.pollen.codec.reactor;

/**
 * The {@code "code"} values of the protocol's error replies ({@code {"type":"error","code":...}}).
 * Immutable; safe from any thread.
 */
public enum ErrorCode {

    /** The stream broke the NetString format; the connection is closed after the reply. */
    BAD_FRAME("bad_frame"),
    /** A frame declared a length over the maximum; the connection is closed after the reply. */
    TOO_LARGE("too_large"),
    /** A well-framed payload is not valid JSON; the connection stays open. */
    BAD_JSON("bad_json"),
    /**
     * Valid JSON over a configured limit (depth, string length, ...), named in the reply's
     * {@code "limit"} member; the connection stays open.
     */
    LIMIT_EXCEEDED("limit_exceeded"),
    /** Valid JSON that is not a usable message (not an object, unknown or missing type, bad field). */
    BAD_MESSAGE("bad_message"),
    /** The peer was silent past the keep-alive limit; the connection is closed after the reply. */
    TIMEOUT("timeout"),
    /**
     * A {@code hello} claimed an id the server assigns to connections, which no client may take; the
     * connection stays open under the id it had.
     */
    ID_TAKEN("id_taken"),
    /** A {@code hello} was refused by the server's hello authenticator; the connection is closed after the reply. */
    UNAUTHORIZED("unauthorized");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** @return the code as it appears on the wire */
    public String wireName() {
        return wireName;
    }
}
