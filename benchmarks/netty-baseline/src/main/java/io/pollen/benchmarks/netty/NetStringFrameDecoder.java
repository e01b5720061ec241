package io.pollen.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Splits the inbound byte stream into NetString payloads:
 * <pre>
 *   +----------------+---+---------------------------+---+
 *   | decimal length | : | payload (length bytes)     | , |
 *   +----------------+---+---------------------------+---+
 *     "14"                 {"type":"hello"}               =&gt; 14:{"type":"hello"},
 * </pre>
 * Each complete frame is passed on as a retained slice of its payload (empty for the keep-alive
 * {@code 0:,}); the next handler must release it.
 *
 * <h2>Rules enforced, as Pollen's own decoder does</h2>
 * <ul>
 *   <li>the length is one or more ASCII digits, with no leading zero except in {@code 0:,};</li>
 *   <li>the length is checked against the maximum as each digit arrives, so an oversized frame is
 *       refused before any of its payload is buffered;</li>
 *   <li>the payload is followed by {@code ,}.</li>
 * </ul>
 * A violation throws {@link CorruptedFrameException} or {@link TooLongFrameException} (which reach
 * {@code exceptionCaught} further down the pipeline, where the connection is closed) and the decoder
 * discards everything after it: the stream cannot be trusted past a framing error.
 *
 * <h2>Memory</h2>
 * A frame still arriving is accumulated whole by {@link ByteToMessageDecoder}, up to the maximum
 * payload plus its header. Between frames nothing is held, so an idle connection costs no buffer.
 *
 * <h2>Threading</h2>
 * One instance per channel, used on that channel's event loop only.
 */
final class NetStringFrameDecoder extends ByteToMessageDecoder {

    private final int maxPayloadLength;
    private boolean failed;

    /**
     * @param maxPayloadLength the largest payload accepted, in bytes
     * @throws IllegalArgumentException if it is negative
     */
    NetStringFrameDecoder(int maxPayloadLength) {
        if (maxPayloadLength < 0) {
            throw new IllegalArgumentException("maxPayloadLength must not be negative, got " + maxPayloadLength);
        }
        this.maxPayloadLength = maxPayloadLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        // The header is re-scanned on every call until the whole frame is here rather than kept as
        // parser state: it is at most as many digits as the maximum has (8 for 16 MiB), so the
        // rescan is cheaper than the state, and an idle connection keeps no fields busy.
        int start = in.readerIndex();
        int end = in.writerIndex();
        long length = 0;
        int colon = start;
        for (;; colon++) {
            if (colon == end) {
                return;
            }
            byte b = in.getByte(colon);
            if (b == ':') {
                break;
            }
            if (b < '0' || b > '9') {
                throw fail(in, new CorruptedFrameException("a NetString length holds byte 0x"
                        + Integer.toHexString(b & 0xff) + " where a digit or ':' must be"));
            }
            if (colon > start && length == 0) {
                throw fail(in, new CorruptedFrameException("a NetString length has a leading zero"));
            }
            length = length * 10 + (b - '0');
            if (length > maxPayloadLength) {
                throw fail(in, new TooLongFrameException("a NetString length reached " + length
                        + " bytes, over the maximum of " + maxPayloadLength));
            }
        }
        if (colon == start) {
            throw fail(in, new CorruptedFrameException("a NetString length has no digits"));
        }
        int payloadStart = colon + 1;
        // length <= maxPayloadLength <= Integer.MAX_VALUE, and an int index cannot exceed the buffer's
        // capacity, so this long sum is exact and comma < end guarantees it fits an int.
        long comma = payloadStart + length;
        if (comma >= end) {
            return;
        }
        if (in.getByte((int) comma) != ',') {
            throw fail(in, new CorruptedFrameException("a NetString payload of " + length
                    + " bytes is not followed by ','"));
        }
        in.readerIndex(payloadStart);
        out.add(in.readRetainedSlice((int) length));
        in.skipBytes(1);
    }

    private <E extends RuntimeException> E fail(ByteBuf in, E error) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return error;
    }
}
