package io.pollen.codec.netstring;

import java.nio.ByteBuffer;

/**
 * Splits a byte stream into NetString frames, strictly to D. J. Bernstein's format:
 * <pre>
 *   +-----------------+-----+------------------------+-----+
 *   | decimal length  |  :  |  payload (length bytes) |  ,  |
 *   +-----------------+-----+------------------------+-----+
 *     "12"                    "hello world!"                 =&gt; 12:hello world!,
 * </pre>
 *
 * <h2>Rules enforced</h2>
 * <ul>
 *   <li>The length is one or more ASCII digits, read by hand one byte at a time: no sign, no space,
 *       no non-ASCII digit (which {@code Integer.parseInt} would accept).</li>
 *   <li>No leading zero, except the empty frame {@code 0:,}.</li>
 *   <li>The length is compared with the maximum as each digit arrives, so an oversized length is
 *       rejected at the first digit that takes it over the limit, before any payload is read. A
 *       digit string longer than the maximum's own is therefore rejected at once.</li>
 *   <li>The payload must be followed by {@code ,}.</li>
 * </ul>
 * A violation throws {@link NetstringFramingException} naming the rule and the stream offset of the
 * offending byte. Frames completed earlier, even in the same input chunk, have been delivered by then.
 * The decoder is then failed for good: the stream cannot be trusted past a framing error.
 *
 * <h2>Memory</h2>
 * A frame whose length is at most the whole-frame threshold is delivered whole. When it sits entirely
 * in one input chunk it is delivered as a view of the input, without copying; otherwise exactly its
 * length is allocated, filled across chunks, delivered and dropped. A longer frame is streamed to the
 * listener as views of the input and never held. Between frames the decoder holds no buffer at all, so
 * an idle connection costs a few fields.
 *
 * <h2>Chunking</h2>
 * The listener sees the same frames, and a failure the same error at the same offset, however the
 * input is split into chunks; only the chunk boundaries of a large frame's payload follow the input.
 *
 * <h2>Threading</h2>
 * Not thread-safe: one decoder per connection, used by one thread at a time (the connection's loop
 * thread).
 */
public final class NetstringDecoder {

    /**
     * The largest maximum frame length a decoder accepts (10<sup>17</sup> bytes). Keeping the maximum
     * below this lets a length be accumulated digit by digit in a {@code long} without overflow.
     */
    public static final long LARGEST_MAX_FRAME_LENGTH = 100_000_000_000_000_000L;

    private static final ByteBuffer EMPTY_PAYLOAD = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private enum State { LENGTH, PAYLOAD, COMMA, FAILED }

    private final long maxFrameLength;
    private final int wholeFrameThreshold;

    private State state = State.LENGTH;
    /** Stream offset of the next byte to read. */
    private long streamOffset;
    private long declaredLength;
    private int lengthDigits;
    private long payloadRemaining;
    private boolean largeFrame;
    /** The partial whole frame being accumulated; null whenever no such frame is in progress. */
    private ByteBuffer partialFrame;

    /**
     * @param maxFrameLength      the largest payload accepted, in bytes, at most
     *                            {@link #LARGEST_MAX_FRAME_LENGTH}
     * @param wholeFrameThreshold frames up to this many payload bytes are delivered whole; longer
     *                            ones are streamed in chunks
     * @throws IllegalArgumentException if a limit is negative or the maximum is too large
     */
    public NetstringDecoder(long maxFrameLength, int wholeFrameThreshold) {
        if (maxFrameLength < 0 || maxFrameLength > LARGEST_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be between 0 and " + LARGEST_MAX_FRAME_LENGTH
                    + " bytes, got " + maxFrameLength);
        }
        if (wholeFrameThreshold < 0) {
            throw new IllegalArgumentException("wholeFrameThreshold must not be negative, got " + wholeFrameThreshold);
        }
        this.maxFrameLength = maxFrameLength;
        this.wholeFrameThreshold = wholeFrameThreshold;
    }

    /**
     * Consumes every remaining byte of {@code input}, delivering each frame it completes.
     *
     * @param input    the next bytes of the stream, from position to limit; its position is advanced
     *                 past the bytes consumed (all of them, unless a framing error stops it)
     * @param listener receives the frames
     * @throws NetstringFramingException if the input breaks the format; the decoder is failed afterwards
     * @throws IllegalStateException     if the decoder failed before
     */
    public void decode(ByteBuffer input, NetstringFrameListener listener) throws NetstringFramingException {
        while (input.hasRemaining()) {
            switch (state) {
                case LENGTH -> readLength(input, listener);
                case PAYLOAD -> readPayload(input, listener);
                case COMMA -> readComma(input, listener);
                case FAILED -> throw new IllegalStateException(
                        "the decoder failed on a framing error; the stream cannot be trusted, close the connection");
            }
        }
    }

    /** @return true while a frame has been started but not completed */
    public boolean inFrame() {
        return state == State.PAYLOAD || state == State.COMMA || lengthDigits > 0;
    }

    /** @return the bytes held for a partial whole frame: 0 between frames and while streaming a large one */
    public int bufferedBytes() {
        return partialFrame == null ? 0 : partialFrame.capacity();
    }

    /** @return how many bytes the decoder has consumed since it was created */
    public long streamOffset() {
        return streamOffset;
    }

    private void readLength(ByteBuffer input, NetstringFrameListener listener) throws NetstringFramingException {
        while (input.hasRemaining()) {
            byte b = input.get();
            if (b >= '0' && b <= '9') {
                if (lengthDigits == 1 && declaredLength == 0) {
                    throw fail(FramingError.LEADING_ZERO, "a digit follows a leading '0'");
                }
                long length = declaredLength * 10 + (b - '0');
                if (length > maxFrameLength) {
                    throw fail(FramingError.LENGTH_OVER_MAXIMUM, "the length reached " + length
                            + " bytes at its digit " + (lengthDigits + 1) + ", over the maximum of "
                            + maxFrameLength);
                }
                declaredLength = length;
                lengthDigits++;
                streamOffset++;
            } else if (b == ':') {
                if (lengthDigits == 0) {
                    throw fail(FramingError.EMPTY_LENGTH, "':' came before any digit");
                }
                streamOffset++;
                startPayload(listener);
                return;
            } else {
                throw fail(FramingError.LENGTH_NOT_A_DIGIT, "byte " + describe(b) + " in the length prefix");
            }
        }
    }

    private void startPayload(NetstringFrameListener listener) {
        payloadRemaining = declaredLength;
        largeFrame = declaredLength > wholeFrameThreshold;
        state = payloadRemaining == 0 ? State.COMMA : State.PAYLOAD;
        if (largeFrame) {
            listener.onLargeFrameStart(declaredLength);
        }
    }

    private void readPayload(ByteBuffer input, NetstringFrameListener listener) throws NetstringFramingException {
        int available = (int) Math.min(input.remaining(), payloadRemaining);
        if (largeFrame) {
            ByteBuffer chunk = take(input, available);
            if (payloadRemaining == 0) {
                state = State.COMMA;
            }
            listener.onLargeFrameChunk(chunk);
        } else if (partialFrame == null && available == payloadRemaining && input.remaining() > available) {
            // The whole frame, comma included, is in this chunk: hand out a view, copy nothing.
            ByteBuffer payload = take(input, available);
            state = State.COMMA;
            readComma(input, listener, payload);
        } else {
            if (partialFrame == null) {
                // The frame straddles chunks and the input is reused after this call: keep exactly this frame.
                partialFrame = ByteBuffer.allocate((int) declaredLength);
            }
            partialFrame.put(take(input, available));
            if (payloadRemaining == 0) {
                state = State.COMMA;
            }
        }
    }

    private ByteBuffer take(ByteBuffer input, int length) {
        int start = input.position();
        ByteBuffer view = input.slice(start, length).asReadOnlyBuffer();
        input.position(start + length);
        streamOffset += length;
        payloadRemaining -= length;
        return view;
    }

    private void readComma(ByteBuffer input, NetstringFrameListener listener) throws NetstringFramingException {
        ByteBuffer payload = null;
        if (!largeFrame) {
            payload = partialFrame == null ? EMPTY_PAYLOAD : partialFrame.flip().asReadOnlyBuffer();
        }
        readComma(input, listener, payload);
    }

    private void readComma(ByteBuffer input, NetstringFrameListener listener, ByteBuffer payload)
            throws NetstringFramingException {
        byte b = input.get();
        if (b != ',') {
            throw fail(FramingError.MISSING_COMMA, "byte " + describe(b) + " follows the " + declaredLength
                    + "-byte payload");
        }
        streamOffset++;
        // Reset before calling out, so that a listener that throws leaves a decoder between frames.
        boolean wasLarge = largeFrame;
        partialFrame = null;
        declaredLength = 0;
        lengthDigits = 0;
        largeFrame = false;
        state = State.LENGTH;
        if (wasLarge) {
            listener.onLargeFrameEnd();
        } else {
            listener.onFrame(payload);
        }
    }

    private NetstringFramingException fail(FramingError error, String detail) {
        state = State.FAILED;
        partialFrame = null;
        return new NetstringFramingException(error, streamOffset, detail);
    }

    private static String describe(byte b) {
        int unsigned = b & 0xFF;
        String hex = String.format("0x%02x", unsigned);
        return unsigned >= 0x21 && unsigned < 0x7F ? hex + " ('" + (char) unsigned + "')" : hex;
    }
}
