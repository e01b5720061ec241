package io.pollen.session;

import io.pollen.reactor.StreamProducer;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One client connection with an identity and a health.
 *
 * <h2>Threading</h2>
 * Every method is safe from any thread. Sends from one thread are delivered in order; the
 * application's {@link SessionHandler} callbacks for one session never run concurrently.
 */
public interface Session {

    /** @return the id: the one the client claimed with {@code hello}, or one the server assigned */
    String id();

    /** @return the client's address */
    SocketAddress remoteAddress();

    /** @return the health as of the last keep-alive check */
    SessionState state();

    /** @return when the last inbound frame arrived (the open time before any) */
    Instant lastSeen();

    /** @return when the session opened */
    Instant openedAt();

    /** @return the traffic so far */
    SessionCounters counters();

    /** @return the last ping round-trip time measured by the server, if any */
    Optional<java.time.Duration> roundTripTime();

    /**
     * Queues one frame whose payload is the given bytes, verbatim (normally a UTF-8 JSON object).
     *
     * @param payload the payload; not to be modified afterwards
     * @return what became of it
     */
    SendResult send(ByteBuffer payload);

    /**
     * Queues one frame with the UTF-8 bytes of {@code json} as payload.
     *
     * @param json the payload text
     * @return what became of it
     */
    SendResult send(String json);

    /**
     * Queues one frame whose payload is a region of a file, streamed from the file as the client reads
     * (see {@link io.pollen.reactor.Connection#writeFile}): a frame of any size up to the frame limit,
     * whatever the connection's in-memory write cap, holding no copy of the payload in memory. The
     * NetString header and trailing comma are written around it, and nothing else is sent in between.
     *
     * <p>The payload is sent as it is, never parsed: the caller vouches that the region holds exactly
     * one UTF-8 JSON value (normally an object with a {@code "type"}), as for {@link #send(ByteBuffer)}.
     * A region that is not what the client expects breaks nothing but that client's parse.
     *
     * <p><b>Ownership.</b> When the result is {@link SendResult#QUEUED} the session owns {@code file}
     * and closes it once the region is sent, or when the session closes with it unsent (a file opened
     * with {@link java.nio.file.StandardOpenOption#DELETE_ON_CLOSE} is thereby deleted); on any other
     * result the caller keeps it. {@link SendResult#REJECTED_FULL} here means the connection already
     * has its most streamed frames pending ({@link io.pollen.reactor.ReactorBuilder#maxPendingStreams(int)}).
     * It counts as one frame out, of its framed length, like any send.
     *
     * @param file     the file holding the payload
     * @param position where the payload starts in the file
     * @param length   the payload's length in bytes; over the frame limit is {@link SendResult#TOO_LARGE}
     * @return what became of it
     * @throws IllegalArgumentException if {@code position} or {@code length} is negative
     */
    SendResult sendFile(FileChannel file, long position, long length);

    /**
     * Queues one frame whose payload is made by {@code producer} as the client reads (see
     * {@link io.pollen.reactor.Connection#writeStream}): a frame of any size up to the frame limit, pulled
     * one window at a time on the session's loop thread, whatever the connection's in-memory write cap.
     * The NetString header and trailing comma are written around it, and nothing else is sent in between.
     *
     * <p>The payload is sent as made, never parsed: the caller vouches that the producer makes exactly
     * one UTF-8 JSON value of exactly {@code length} bytes. Ownership and {@link SendResult#REJECTED_FULL}
     * are as for {@link #sendFile}: on {@link SendResult#QUEUED} the session releases the producer once,
     * sent or not; on any other result the caller keeps it. A producer that runs dry before
     * {@code length} closes the session (its frame could never be completed).
     *
     * @param producer makes the payload, on the loop thread, without blocking
     * @param length   the payload's length in bytes; over the frame limit is {@link SendResult#TOO_LARGE}
     * @return what became of it
     * @throws IllegalArgumentException if {@code length} is negative
     */
    SendResult sendStream(StreamProducer producer, long length);

    /**
     * @param name an attribute name
     * @return its value, or null
     */
    Object attribute(String name);

    /**
     * Sets or (with null) removes an application attribute.
     *
     * @param name  the name
     * @param value the value, or null to remove
     */
    void attribute(String name, Object value);

    /** @return a copy of the attributes */
    Map<String, Object> attributes();

    /** @return true until the session is closed or closing */
    boolean isOpen();

    /** Closes the session after its queued frames are sent. Idempotent. */
    void close();
}
