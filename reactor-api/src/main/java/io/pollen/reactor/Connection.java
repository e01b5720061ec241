package io.pollen.reactor;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

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

    /** @return bytes accepted by {@code write} and not yet handed to the kernel */
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
