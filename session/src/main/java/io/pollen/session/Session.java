package io.pollen.session;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
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
