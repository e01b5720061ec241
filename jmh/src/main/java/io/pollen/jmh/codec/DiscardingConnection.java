package io.pollen.jmh.codec;

import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.StreamProducer;
import io.pollen.reactor.WriteResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A connection that accepts and drops every write, so that a benchmark measures the codec and nothing
 * behind it. Counts error replies, so a benchmark can check that its input was accepted, and fails the
 * run if the codec closes it. Single-threaded, like the loop thread it stands in for.
 *
 * <p>Unit tests use the reactor test kit's {@code EmbeddedConnection} instead; it copies every write and
 * keeps the engine's accounting, which is right for a test and would be measured by a benchmark.
 */
final class DiscardingConnection implements Connection {

    private static final SocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 7000);

    private long writes;

    /** @return how many writes (replies) the codec made */
    long writes() {
        return writes;
    }

    @Override
    public long id() {
        return 1;
    }

    @Override
    public EventLoop loop() {
        throw new UnsupportedOperationException("a benchmark connection has no loop");
    }

    @Override
    public SocketAddress remoteAddress() {
        return ADDRESS;
    }

    @Override
    public SocketAddress localAddress() {
        return ADDRESS;
    }

    @Override
    public WriteResult write(ByteBuffer data) {
        return write(new ByteBuffer[] {data});
    }

    @Override
    public WriteResult write(ByteBuffer... data) {
        writes++;
        return WriteResult.QUEUED;
    }

    /** Drops the stream as if sent, releasing the producer as a real connection does once it owns it. */
    @Override
    public WriteResult writeStream(ByteBuffer head, StreamProducer producer, long count, ByteBuffer tail) {
        writes++;
        producer.release();
        return WriteResult.QUEUED;
    }

    /** Drops the region as if sent, closing the file as a real connection does once it owns it. */
    @Override
    public WriteResult writeFile(ByteBuffer head, FileChannel file, long position, long count, ByteBuffer tail) {
        writes++;
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing a benchmark's streamed file failed", e);
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
        return true;
    }

    @Override
    public void setReadEnabled(boolean enabled) {
    }

    @Override
    public void close() {
        throw new IllegalStateException("the codec closed the benchmark's connection: its input is broken");
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public Object attachment() {
        return null;
    }

    @Override
    public void attach(Object attachment) {
    }
}
