package io.pollen.reactor;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One streamed write in a connection's {@link OutboundQueue}, whose bytes are not held in memory:
 * either a region of a file that goes from the file to the transport as the peer reads
 * ({@code FileChannel.transferTo} on a socket), or a {@link StreamProducer} pulled one window at a time
 * as the transport has room. The connection owns the file or producer from the moment the write is
 * queued and lets go of it once: when it is sent, or when the connection is released with it pending.
 *
 * <p>Created on the writing thread, then owned by the connection's loop thread (handed over through
 * its task queue, which publishes it).
 */
final class StreamedRegion {
    private static final System.Logger LOG = System.getLogger(StreamedRegion.class.getName());

    /** The file of a file region, or null for a produced stream. */
    private final FileChannel file;
    /** The producer of a produced stream, or null for a file region. */
    private final StreamProducer producer;
    /** A produced stream's bytes pulled and not yet taken by the transport; made at the first pull. */
    private ByteBuffer window;
    private long position;
    private long remaining;
    /** The queue's count of buffers ever added when this was queued: it goes out once those are written. */
    private long barrier;

    StreamedRegion(FileChannel file, long position, long count) {
        this.file = file;
        this.producer = null;
        this.position = position;
        this.remaining = count;
    }

    StreamedRegion(StreamProducer producer, long count) {
        this.file = null;
        this.producer = producer;
        this.remaining = count;
    }

    /** @return the file of a file region, or null for a produced stream */
    FileChannel file() {
        return file;
    }

    long position() {
        return position;
    }

    /**
     * The produced bytes to hand the transport next: what is left of the last pull, or a new pull of
     * at most one window (the stream's last bytes, near its end). Loop thread; produced streams only.
     *
     * @return the window, with at least one byte remaining
     * @throws EOFException if the producer gave nothing while bytes of the stream are still due
     */
    ByteBuffer pulled() throws IOException {
        if (window != null && window.hasRemaining()) {
            return window;
        }
        int want = (int) Math.min(StreamProducer.WINDOW, remaining);
        if (window == null || window.capacity() < want) {
            window = ByteBuffer.allocate(want);
        }
        window.clear().limit(want);
        producer.produce(window);
        window.flip();
        if (!window.hasRemaining()) {
            throw new EOFException("a streamed write's producer gave nothing with " + remaining
                    + " bytes of its declared length still due");
        }
        return window;
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

    /** Closes the channel or releases the producer; the write is done with, sent or not. */
    void release() {
        window = null;
        if (producer != null) {
            try {
                producer.release();
            } catch (RuntimeException e) {
                // The producer's own failure to clean up must not stop the loop from releasing the rest.
                LOG.log(Level.WARNING, "a streamed write's producer failed to release", e);
            }
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            // Nothing is lost: the bytes were sent or are dropped with the connection anyway.
            LOG.log(Level.DEBUG, "closing a streamed write's file failed", e);
        }
    }
}
