package io.pollen.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;

/**
 * Frames each outbound {@code byte[]} payload as a NetString, {@code <decimal length>:<payload>,},
 * in one buffer from the channel's allocator.
 *
 * <p>Stateless, so one instance serves every channel, from any event loop.
 */
@Sharable
final class NetStringFrameEncoder extends MessageToByteEncoder<byte[]> {

    NetStringFrameEncoder() {
        super(byte[].class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, byte[] payload, boolean preferDirect) {
        // Sized exactly, so a reply never makes the allocator grow a buffer.
        return ctx.alloc().ioBuffer(frameLength(payload.length));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] payload, ByteBuf out) {
        out.writeCharSequence(Integer.toString(payload.length), StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeBytes(payload);
        out.writeByte(',');
    }

    private static int frameLength(int payloadLength) {
        return decimalDigits(payloadLength) + payloadLength + 2;
    }

    private static int decimalDigits(int value) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
