package io.pollen.codec.json;

/**
 * Field names the codec itself relies on. Holds constants only.
 */
public final class MessageFields {

    /** The field every message must carry, a string naming what the message is. */
    public static final String TYPE = "type";

    private MessageFields() {
    }
}
