package io.pollen.reactor;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One TCP connection, pinned for life to one {@link EventLoop}.
 *
 * <h2>Threading</h2>
 * Every method is safe from any thread. Writes from one thread are sent in the order they were
 * made; writes from different threads interleave only at write boundaries (a write is never split
 * by another). The handler's callbacks always run on the connection's loop thread.
 *
 * <h2>Write accounting</h2>
 * Bytes count towards {@link #pendingWriteBytes()} the moment {@code write} returns
 * {@link WriteResult#QUEUED}, whichever thread called it, so a flood of writes cannot exceed the
 * hard cap. Crossing the high water mark makes the connection unwritable, dropping below the low
 * water mark writable again; both changes are reported to
 * {@link ConnectionHandler#onWritabilityChanged}. A caller must not change a buffer after writing it.
 *
 * <h2>Streamed writes</h2>
 * A message larger than the hard cap is not refused for its size: {@link #writeFile} queues a region of
 * a file, which goes from the file to the socket as the peer reads ({@code FileChannel.transferTo}),
 * in order with the writes before and after it, and holds no buffer of it in the JVM;
 * {@link #writeStream} does the same for bytes a {@link StreamProducer} makes one window at a time. Its bytes count
 * towards {@link #pendingWriteBytes()} and the water marks (the connection stays unwritable while most
 * of a large region is unsent) but never towards the hard cap; at most
 * {@link ReactorBuilder#maxPendingStreams(int)} streamed writes may be pending at once.
 */
public interface Connection {

    /** @return an identifier unique within the reactor */
    long id();

    /** @return the loop this connection is pinned to */
    EventLoop loop();

    /** @return the peer's address */
    SocketAddress remoteAddress();

    /** @return the local address */
    SocketAddress localAddress();

    /**
     * Queues bytes for sending; the buffer's remaining bytes are sent, and its position is advanced
     * as they are.
     *
     * @param data the bytes; not to be modified afterwards
     * @return whether the bytes were queued
     */
    WriteResult write(ByteBuffer data);

    /**
     * Queues several buffers as one write (all or nothing against the hard cap), sent with one
     * gathering system call where possible: for a header and a payload, without copying either.
     *
     * @param data the buffers, in order
     * @return whether the bytes were queued
     */
    WriteResult write(ByteBuffer... data);

    /**
     * Queues a region of a file, between two optional in-memory buffers (a frame's header and trailer,
     * say), as one write: nothing from another write comes between them. The region is read from the
     * file when the peer can take it, from {@code position}, without moving the channel's own position;
     * the file must hold the whole region until it is sent (one that turns out shorter closes the
     * connection with an {@link java.io.EOFException}: the bytes around it could never be completed).
     *
     * <p><b>Ownership.</b> When the result is {@link WriteResult#QUEUED} the connection owns
     * {@code file} and closes it exactly once: as soon as the region is sent, or when the connection is
     * closed or aborted with it unsent (a file opened with
     * {@link java.nio.file.StandardOpenOption#DELETE_ON_CLOSE} is thereby deleted). On any other result
     * nothing was queued and the caller keeps the channel.
     *
     * <p><b>Limits.</b> The region never counts against the hard cap, whatever its size; {@code head}
     * and {@code tail} do, like any in-memory write. The write is refused with
     * {@link WriteResult#REJECTED_FULL} (whatever the overflow policy) when the connection already has
     * {@link ReactorBuilder#maxPendingStreams(int)} streamed writes pending; retry once one is sent.
     *
     * @param head     bytes to send before the region, or null; not to be modified afterwards
     * @param file     the file to send from
     * @param position where the region starts in the file, at least 0
     * @param count    the region's length in bytes, at least 0
     * @param tail     bytes to send after the region, or null; not to be modified afterwards
     * @return whether the write was queued
     * @throws IllegalArgumentException if {@code position} or {@code count} is negative
     */
    WriteResult writeFile(ByteBuffer head, FileChannel file, long position, long count, ByteBuffer tail);

    /**
     * Queues a stream of {@code count} bytes made by {@code producer} as the peer reads, between two
     * optional in-memory buffers, as one write: nothing from another write comes between them. The
     * connection pulls at most {@link StreamProducer#WINDOW} bytes at a time, on its loop thread, only
     * when the transport has room, so the stream costs one window of memory whatever its length.
     *
     * <p><b>Ownership and limits</b> are those of
     * {@link #writeFile(ByteBuffer, FileChannel, long, long, ByteBuffer)}: when the result is
     * {@link WriteResult#QUEUED} the connection owns the producer and {@linkplain StreamProducer#release()
     * releases} it exactly once, sent or not; on any other result the caller keeps it. The stream counts
     * towards {@link #pendingWriteBytes()}, the water marks and {@link ReactorBuilder#maxPendingStreams(int)},
     * never towards the hard cap. A producer that runs dry before {@code count} closes the connection
     * with an {@link java.io.EOFException}.
     *
     * @param head     bytes to send before the stream, or null; not to be modified afterwards
     * @param producer makes the stream's bytes, on the loop thread
     * @param count    the stream's length in bytes, at least 0
     * @param tail     bytes to send after the stream, or null; not to be modified afterwards
     * @return whether the write was queued
     * @throws IllegalArgumentException if {@code count} is negative
     */
    WriteResult writeStream(ByteBuffer head, StreamProducer producer, long count, ByteBuffer tail);

    /**
     * Queues a region of a file, as {@link #writeFile(ByteBuffer, FileChannel, long, long, ByteBuffer)}
     * with nothing before or after it.
     *
     * @param file     the file to send from; owned by the connection if the write is queued
     * @param position where the region starts in the file, at least 0
     * @param count    the region's length in bytes, at least 0
     * @return whether the write was queued
     */
    default WriteResult writeFile(FileChannel file, long position, long count) {
        return writeFile(null, file, position, count, null);
    }

    /**
     * @return bytes accepted by {@code write} and not yet handed to the kernel, those of pending
     *         streamed regions included
     */
    long pendingWriteBytes();

    /** @return false from crossing the high water mark until dropping below the low one */
    boolean isWritable();

    /** @return true until the connection is closed or starts closing */
    boolean isOpen();

    /**
     * Pauses or resumes reading from the socket, for back-pressure towards the peer.
     *
     * @param enabled false to stop reading, true to read again
     */
    void setReadEnabled(boolean enabled);

    /**
     * Closes gracefully: stops reading, sends what is queued (bounded by the reactor's shutdown
     * deadline when the reactor is closing), then closes. Idempotent.
     */
    void close();

    /** Closes now, dropping whatever is queued. Idempotent. */
    void abort();

    /** @return the object attached with {@link #attach}, or null */
    Object attachment();

    /**
     * Attaches an application object (a session, say) to this connection.
     *
     * @param attachment the object, or null to clear
     */
    void attach(Object attachment);
}
