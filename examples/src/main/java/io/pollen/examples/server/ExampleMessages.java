package io.pollen.examples.server;

/**
 * The message types and replies of the example protocol beyond what the session layer answers
 * itself ({@code hello}, {@code ping}, keep-alives): the one place their wire names are spelled.
 *
 * <p>Stateless; safe from any thread.
 */
final class ExampleMessages {
    /** Asks for the same object back. */
    static final String ECHO = "echo";
    /** Carries any amount of JSON, answered with an {@link #ack}. */
    static final String UPLOAD = "upload";

    private ExampleMessages() {
    }

    /**
     * @param payloadBytes the upload's payload length
     * @param tokens       the JSON tokens it held
     * @return the {@code ack} reply
     */
    static String ack(long payloadBytes, long tokens) {
        return "{\"type\":\"ack\",\"bytes\":" + payloadBytes + ",\"tokens\":" + tokens + "}";
    }

    /**
     * @param type the type that was received, possibly null
     * @return the text of the {@code bad_message} reply for it
     */
    static String unknownType(String type) {
        return "unknown message type \"" + type + "\": this server answers hello, ping, echo and upload";
    }
}
