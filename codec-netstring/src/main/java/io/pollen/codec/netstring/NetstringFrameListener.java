package io.pollen.codec.netstring;

import java.nio.ByteBuffer;

/**
 * Receives the frames a {@link NetstringDecoder} finds, on the thread that calls
 * {@link NetstringDecoder#decode}.
 *
 * <p>A frame no longer than the decoder's whole-frame threshold arrives in one
 * {@link #onFrame} call. A longer one arrives as {@link #onLargeFrameStart}, then one
 * {@link #onLargeFrameChunk} per piece of input as it arrives, then {@link #onLargeFrameEnd} once the
 * terminating comma is seen; the decoder never holds such a frame in memory. If the stream breaks the
 * format inside a large frame, {@code decode} throws and {@code onLargeFrameEnd} never comes: the
 * caller must then drop whatever state it keeps for that frame.
 *
 * <p>Every buffer handed to a listener is read-only and valid only during the call: it may be a view
 * of the caller's input buffer, which is reused afterwards. Copy what must outlive the call.
 */
public interface NetstringFrameListener {

    /**
     * A whole frame, already checked for its terminating comma.
     *
     * @param payload the payload, from position to limit; empty for {@code 0:,}
     */
    void onFrame(ByteBuffer payload);

    /**
     * A frame above the whole-frame threshold begins; its payload follows in chunks.
     *
     * @param length the declared payload length, within the decoder's maximum
     */
    void onLargeFrameStart(long length);

    /**
     * The next piece of the current large frame's payload; never empty.
     *
     * @param chunk payload bytes, from position to limit
     */
    void onLargeFrameChunk(ByteBuffer chunk);

    /** The current large frame's payload is complete and was followed by the terminating comma. */
    void onLargeFrameEnd();
}
