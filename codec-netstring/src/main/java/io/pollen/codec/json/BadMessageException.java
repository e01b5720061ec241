package io.pollen.codec.json;

/**
 * A valid JSON value is not a message the application can use: it is not an object, it has no string
 * {@code "type"}, or a field a handler asked for is missing or of another kind. The stream is intact:
 * the peer can be told ({@code bad_message}) and the connection kept.
 *
 * <p>Unchecked, so that handlers can read fields with the typed getters of {@link JsonMessage} and let
 * one catch around the dispatch turn any such failure into a reply.
 *
 * <p>Immutable; safe from any thread.
 */
public final class BadMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the message, phrased for the peer
     */
    public BadMessageException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the message, phrased for the peer
     * @param cause   the failure that revealed it
     */
    public BadMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
