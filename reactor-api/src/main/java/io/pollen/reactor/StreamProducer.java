package io.pollen.reactor;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The source of a {@linkplain Connection#writeStream streamed write} whose bytes are made as the peer
 * reads rather than held: a generator, a decoder, a reader of some store. The connection pulls from it
 * one bounded window at a time ({@link #WINDOW} bytes at most), only when the transport has room, so a
 * stream of any length costs the connection one window of memory, and a peer that stops reading stops
 * the pulling.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #produce} must put at least one byte into the buffer on every call until the stream's
 *       declared length is reached; it is never called again after that. A producer that puts nothing
 *       (it ran dry before the declared length) closes the connection with an
 *       {@link java.io.EOFException}, as a file cut short does: the bytes after it could never be
 *       completed. It must not block: it runs on the loop thread.</li>
 *   <li>{@link #release} is called exactly once: when the stream is sent, or when the connection is
 *       closed or aborted with it unsent. The producer then frees what it holds.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Both methods run on the connection's loop thread; a producer is handed over to it by the write and
 * never used by the writing thread again.
 */
public interface StreamProducer {
    /** The most bytes asked for at once: what one pull may hold in memory. */
    int WINDOW = 64 * 1024;

    /**
     * Puts the next bytes of the stream into {@code into}.
     *
     * @param into room for at most the bytes left in the stream and at most {@link #WINDOW}
     * @throws IOException if the source failed; the connection is closed with it
     */
    void produce(ByteBuffer into) throws IOException;

    /** The stream is done with, sent or not. Exactly once; never throws. */
    void release();
}
