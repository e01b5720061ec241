package io.pollen.session.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A request body that {@link RequestBodyReader} has read and validated: in memory up to the spool
 * threshold, else in a spool file. The gateway closes it when the request is answered, which deletes a
 * spool file still held; a file {@linkplain #handOver() handed over} to a send is its new owner's.
 *
 * <p>Not thread-safe: it belongs to the request thread that read it.
 */
final class RequestBody implements AutoCloseable {
    private final byte[] bytes;
    private final long length;
    private SpoolChannel file;

    private RequestBody(byte[] bytes, SpoolChannel file, long length) {
        this.bytes = bytes;
        this.file = file;
        this.length = length;
    }

    /**
     * @param bytes  holds the body from index 0
     * @param length the body's length
     * @return a body in memory
     */
    static RequestBody inMemory(byte[] bytes, int length) {
        return new RequestBody(bytes, null, length);
    }

    /**
     * @param file   holds the body from position 0; the body owns it
     * @param length the body's length
     * @return a spooled body
     */
    static RequestBody spooled(SpoolChannel file, long length) {
        return new RequestBody(null, file, length);
    }

    /** @return true if the body is in a spool file, false if in memory */
    boolean isSpooled() {
        return bytes == null;
    }

    /** @return the body's length in bytes */
    long length() {
        return length;
    }

    /**
     * @return the body in memory, as a buffer the caller may read (not modify)
     * @throws IllegalStateException if the body is spooled
     */
    ByteBuffer payload() {
        if (bytes == null) {
            throw new IllegalStateException("the body is spooled to a file, not in memory");
        }
        return ByteBuffer.wrap(bytes, 0, (int) length);
    }

    /**
     * Gives up the spool file: from now on the caller closes it (which deletes it and returns its share
     * of the spool budget).
     *
     * @return the file, holding the body from position 0
     * @throws IllegalStateException if the body is in memory or the file was handed over already
     */
    FileChannel handOver() {
        if (file == null) {
            throw new IllegalStateException(bytes != null ? "the body is in memory" : "the file was handed over already");
        }
        FileChannel handed = file;
        file = null;
        return handed;
    }

    /** Closes (and so deletes) the spool file unless it was handed over. Idempotent. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            FileChannel held = file;
            file = null;
            held.close();
        }
    }
}
