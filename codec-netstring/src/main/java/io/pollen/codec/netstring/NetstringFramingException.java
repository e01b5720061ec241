package io.pollen.codec.netstring;

import java.io.IOException;

/**
 * The input broke the NetString format. A stream cannot be resynchronised after this: the only
 * sound reaction is a best-effort error reply and closing the connection. Frames completed before the
 * offending byte have already been delivered.
 *
 * <p>Immutable; safe from any thread.
 */
public final class NetstringFramingException extends IOException {

    private static final long serialVersionUID = 1L;

    private final FramingError error;
    private final long streamOffset;

    /**
     * @param error        which rule was broken
     * @param streamOffset the zero-based offset, counted from the first byte the decoder was given, of
     *                     the offending byte
     * @param detail       what the decoder saw, for the message
     */
    public NetstringFramingException(FramingError error, long streamOffset, String detail) {
        super(error.description() + ": " + detail + " (stream offset " + streamOffset + ")");
        this.error = error;
        this.streamOffset = streamOffset;
    }

    /** @return which rule of the format was broken */
    public FramingError error() {
        return error;
    }

    /** @return the zero-based stream offset of the offending byte */
    public long streamOffset() {
        return streamOffset;
    }
}
