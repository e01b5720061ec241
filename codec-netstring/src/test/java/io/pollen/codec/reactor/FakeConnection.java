package io.pollen.codec.reactor;

import io.pollen.codec.netstring.NetstringDecoder;
import io.pollen.codec.netstring.NetstringFrameListener;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.WriteResult;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory connection that keeps what is written to it, until the reactor test kit provides one.
 * Single-threaded, like the loop thread it stands in for.
 */
final class FakeConnection implements Connection {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean open = true;
    private boolean closed;
    private Object attachment;

    @Override
    public long id() {
        return 1;
    }

    @Override
    public EventLoop loop() {
        throw new UnsupportedOperationException("the fake connection has no loop");
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 7000);
    }

    @Override
    public WriteResult write(ByteBuffer data) {
        return write(new ByteBuffer[] {data});
    }

    @Override
    public WriteResult write(ByteBuffer... data) {
        if (!open) {
            return WriteResult.CLOSED;
        }
        for (ByteBuffer buffer : data) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            written.writeBytes(bytes);
        }
        return WriteResult.QUEUED;
    }

    @Override
    public long pendingWriteBytes() {
        return 0;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void setReadEnabled(boolean enabled) {
    }

    @Override
    public void close() {
        open = false;
        closed = true;
    }

    @Override
    public void abort() {
        open = false;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    boolean closedGracefully() {
        return closed;
    }

    /** @return the payloads of the frames written so far, as UTF-8 text */
    List<String> writtenFrames() {
        List<String> frames = new ArrayList<>();
        NetstringDecoder decoder = new NetstringDecoder(1 << 20, 1 << 20);
        try {
            decoder.decode(ByteBuffer.wrap(written.toByteArray()), new NetstringFrameListener() {
                @Override
                public void onFrame(ByteBuffer payload) {
                    byte[] bytes = new byte[payload.remaining()];
                    payload.get(bytes);
                    frames.add(new String(bytes, StandardCharsets.UTF_8));
                }

                @Override
                public void onLargeFrameStart(long length) {
                }

                @Override
                public void onLargeFrameChunk(ByteBuffer chunk) {
                }

                @Override
                public void onLargeFrameEnd() {
                }
            });
        } catch (NetstringFramingException e) {
            throw new UncheckedIOException("the handler wrote a broken frame", e);
        }
        if (decoder.inFrame()) {
            throw new AssertionError("the handler wrote part of a frame");
        }
        return frames;
    }
}
