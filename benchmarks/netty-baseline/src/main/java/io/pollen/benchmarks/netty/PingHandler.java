package io.pollen.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's side of the ping subset: answers {@code hello} and {@code ping}, ignores everything
 * else, counts the connection as a session while it is open, and closes it after too many silent
 * keep-alive intervals.
 *
 * <p>Silence is detected by an {@link io.netty.handler.timeout.IdleStateHandler} placed before this
 * handler with a reader-idle time of one keep-alive interval: it fires an {@link IdleStateEvent} after
 * each silent interval, flagged {@linkplain IdleStateEvent#isFirst() first} for the first one after a
 * read, so counting misses needs no work at all when a frame arrives. Like Pollen's monitor this
 * costs at most one timer firing per connection per interval, and none per keep-alive.
 *
 * <p>Replies are written as each frame is handled and flushed once per read batch
 * ({@link #channelReadComplete}), so frames that arrive together cost one write syscall.
 *
 * <p>One instance per channel, used on that channel's event loop only; the session counter is shared
 * and safe from any thread.
 */
final class PingHandler extends SimpleChannelInboundHandler<ByteBuf> {

    /** Sent, best effort, to a client closed for silence, as Pollen does. */
    private static final byte[] TIMEOUT = "{\"type\":\"error\",\"code\":\"timeout\"}".getBytes(StandardCharsets.US_ASCII);

    private final PingJson json;
    private final AtomicInteger sessions;
    private final long keepAliveMillis;
    private final int keepAliveMisses;
    private int silentIntervals;
    private boolean flushPending;

    /**
     * @param json            the shared JSON reader and writer
     * @param sessions        the open-session count, incremented while this channel is active
     * @param keepAliveMillis the keep-alive interval announced in {@code welcome}
     * @param keepAliveMisses silent intervals after which the connection is closed
     */
    PingHandler(PingJson json, AtomicInteger sessions, long keepAliveMillis, int keepAliveMisses) {
        this.json = json;
        this.sessions = sessions;
        this.keepAliveMillis = keepAliveMillis;
        this.keepAliveMisses = keepAliveMisses;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sessions.incrementAndGet();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sessions.decrementAndGet();
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf payload) {
        if (!payload.isReadable()) {
            return; // the keep-alive 0:, whose arrival the IdleStateHandler has already noted
        }
        // Copied out of the network buffer, as Pollen copies each whole small message before parsing.
        PingJson.Message message = json.read(ByteBufUtil.getBytes(payload));
        if (message == null || message.type() == null) {
            return;
        }
        switch (message.type()) {
            case "hello" -> reply(ctx, json.welcome(sessionId(ctx, message), keepAliveMillis));
            case "ping" -> reply(ctx, json.pong(message));
            default -> {
                // Outside the ping subset: ignored.
            }
        }
    }

    private static String sessionId(ChannelHandlerContext ctx, PingJson.Message hello) {
        return hello.id() != null ? hello.id() : ctx.channel().id().asShortText();
    }

    private void reply(ChannelHandlerContext ctx, byte[] payload) {
        ctx.write(payload, ctx.voidPromise());
        flushPending = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        silentIntervals = ((IdleStateEvent) event).isFirst() ? 1 : silentIntervals + 1;
        if (silentIntervals >= keepAliveMisses) {
            // Best effort: the reply gets one write attempt, and the close does not wait for a peer that
            // has stopped reading.
            ctx.writeAndFlush(TIMEOUT, ctx.voidPromise());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Framing errors from the decoder and I/O errors such as a reset by the peer end up here; the
        // baseline answers neither, it only lets the connection go.
        ctx.close();
    }
}
