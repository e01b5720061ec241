package io.pollen.codec.netstring;

import java.nio.ByteBuffer;

/**
 * Frames payloads as NetStrings ({@code <decimal length>:<payload>,}) for a gathering write.
 *
 * <p>{@link #encode(ByteBuffer)} returns three buffers (header, payload, comma) meant for
 * {@code Connection.write(ByteBuffer...)}: the payload is not copied, only wrapped in a duplicate, so a
 * 100 MB payload costs a 12-byte header.
 *
 * <p>Stateless; every method is safe from any thread.
 */
public final class NetstringEncoder {

    private static final ByteBuffer COMMA = ByteBuffer.wrap(new byte[] {','}).asReadOnlyBuffer();
    /** Enough for the 19 digits of {@code Long.MAX_VALUE} and the colon. */
    private static final int MAX_HEADER_LENGTH = 20;

    private NetstringEncoder() {
    }

    /**
     * Frames a payload without copying it.
     *
     * @param payload the payload, from position to limit; neither its position nor its content is
     *                changed, but it must not be modified until the write completes
     * @return {header, payload view, comma}, each ready to be written from its position
     */
    public static ByteBuffer[] encode(ByteBuffer payload) {
        return new ByteBuffer[] {header(payload.remaining()), payload.duplicate(), COMMA.duplicate()};
    }

    /**
     * @return a new view of the frame's trailing comma, ready to be written; for a payload sent apart
     *         from its header and trailer (a streamed file region)
     */
    public static ByteBuffer trailer() {
        return COMMA.duplicate();
    }

    /**
     * Frames a payload into one new array, copying it; for small frames and tests.
     *
     * @param payload the payload bytes
     * @return {@code <length>:<payload>,}
     */
    public static byte[] encodeToArray(byte[] payload) {
        ByteBuffer header = header(payload.length);
        byte[] frame = new byte[header.remaining() + payload.length + 1];
        int headerLength = header.remaining();
        header.get(frame, 0, headerLength);
        System.arraycopy(payload, 0, frame, headerLength, payload.length);
        frame[frame.length - 1] = ',';
        return frame;
    }

    /**
     * Writes the header of a frame: the length in ASCII digits, then a colon.
     *
     * @param payloadLength the payload length in bytes
     * @return a new buffer holding {@code <length>:}, ready to be read
     * @throws IllegalArgumentException if the length is negative
     */
    public static ByteBuffer header(long payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("a payload length cannot be negative, got " + payloadLength);
        }
        byte[] header = new byte[MAX_HEADER_LENGTH];
        int start = header.length - 1;
        header[start] = ':';
        long remaining = payloadLength;
        do {
            header[--start] = (byte) ('0' + remaining % 10);
            remaining /= 10;
        } while (remaining != 0);
        return ByteBuffer.wrap(header, start, header.length - start).slice();
    }

    /**
     * @param payloadLength the payload length in bytes
     * @return the length of the whole frame: header, payload and comma
     */
    public static long frameLength(long payloadLength) {
        int digits = 1;
        for (long rest = payloadLength / 10; rest != 0; rest /= 10) {
            digits++;
        }
        return digits + 1 + payloadLength + 1;
    }
}
