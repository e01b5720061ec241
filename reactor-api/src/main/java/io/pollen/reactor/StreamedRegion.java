package io.pollen.reactor;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;

/**
 * One streamed write in a connection's {@link OutboundQueue}: a region of a file that goes from the
 * file to the transport as the peer reads ({@code FileChannel.transferTo} on a socket), so its size
 * costs no memory. The connection owns the channel from the moment the write is queued and closes it
 * once: when the region is sent, or when the connection is released with it pending.
 *
 * <p>Created on the writing thread, then owned by the connection's loop thread (handed over through
 * its task queue, which publishes it).
 */
final class StreamedRegion {
    private static final System.Logger LOG = System.getLogger(StreamedRegion.class.getName());

    private final FileChannel file;
    private long position;
    private long remaining;
    /** The queue's count of buffers ever added when this was queued: it goes out once those are written. */
    private long barrier;

    StreamedRegion(FileChannel file, long position, long count) {
        this.file = file;
        this.position = position;
        this.remaining = count;
    }

    FileChannel file() {
        return file;
    }

    long position() {
        return position;
    }

    long remaining() {
        return remaining;
    }

    long barrier() {
        return barrier;
    }

    void barrier(long buffersAddedBefore) {
        this.barrier = buffersAddedBefore;
    }

    /** The transport took {@code bytes} of the region. */
    void advance(long bytes) {
        position += bytes;
        remaining -= bytes;
    }

    /** Closes the channel; the region is done with, sent or not. */
    void release() {
        try {
            file.close();
        } catch (IOException e) {
            // Nothing is lost: the bytes were sent or are dropped with the connection anyway.
            LOG.log(Level.DEBUG, "closing a streamed write's file failed", e);
        }
    }
}
