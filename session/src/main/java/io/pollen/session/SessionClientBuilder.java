package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.reactor.Reactor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SessionClient}. Not thread-safe; build on one thread.
 */
public final class SessionClientBuilder {
    private InetSocketAddress remote;
    private InetSocketAddress localAddress;
    private String id;
    private Duration keepAliveInterval = Duration.ofSeconds(10);
    private Duration reconnectBase = Duration.ofMillis(100);
    private Duration reconnectMax = Duration.ofSeconds(30);
    private boolean reconnect = true;
    private long maxFrameLength = CodecConfig.DEFAULT_MAX_FRAME_LENGTH;
    private Reactor reactor;
    private ClientHandler handler = new ClientHandler() {
    };

    SessionClientBuilder() {
    }

    /**
     * @param remote the server (required)
     * @return this
     */
    public SessionClientBuilder remote(InetSocketAddress remote) {
        this.remote = remote;
        return this;
    }

    /**
     * @param localAddress the source address to bind (to spread clients over 127.0.0.x), or null
     * @return this
     */
    public SessionClientBuilder localAddress(InetSocketAddress localAddress) {
        this.localAddress = localAddress;
        return this;
    }

    /**
     * @param id the id to claim with {@code hello}; null lets the server assign one
     * @return this
     */
    public SessionClientBuilder id(String id) {
        this.id = id;
        return this;
    }

    /**
     * @param interval how often to send an empty keep-alive frame (default 10 s); keep it below the
     *                 server's keep-alive interval
     * @return this
     */
    public SessionClientBuilder keepAliveInterval(Duration interval) {
        this.keepAliveInterval = interval;
        return this;
    }

    /**
     * @param base first reconnect delay ceiling (default 100 ms)
     * @param max  largest reconnect delay ceiling (default 30 s)
     * @return this
     */
    public SessionClientBuilder reconnectBackoff(Duration base, Duration max) {
        this.reconnectBase = base;
        this.reconnectMax = max;
        return this;
    }

    /**
     * @param enabled whether to reconnect after losing the connection (default true)
     * @return this
     */
    public SessionClientBuilder reconnect(boolean enabled) {
        this.reconnect = enabled;
        return this;
    }

    /**
     * @param bytes largest frame accepted from the server (default 16 MiB)
     * @return this
     */
    public SessionClientBuilder maxFrameLength(long bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /**
     * @param reactor a shared reactor to run on (thousands of clients should share one); null (the
     *                default) makes the client start and own a one-loop reactor
     * @return this
     */
    public SessionClientBuilder reactor(Reactor reactor) {
        this.reactor = reactor;
        return this;
    }

    /**
     * @param handler the application's callbacks
     * @return this
     */
    public SessionClientBuilder handler(ClientHandler handler) {
        this.handler = handler;
        return this;
    }

    /**
     * Checks the settings and starts connecting (without waiting for the connection).
     *
     * @return the client
     * @throws IllegalArgumentException naming the first bad setting
     */
    public SessionClient connect() {
        Objects.requireNonNull(remote, "remote: the server address is required");
        Objects.requireNonNull(handler, "handler");
        requirePositive(keepAliveInterval, "keepAliveInterval");
        requirePositive(reconnectBase, "reconnect base");
        requirePositive(reconnectMax, "reconnect max");
        if (reconnectMax.compareTo(reconnectBase) < 0) {
            throw new IllegalArgumentException("reconnect max must be >= base: " + reconnectMax + " < " + reconnectBase);
        }
        if (id != null && (id.isBlank() || id.length() > SessionProtocol.MAX_ID_LENGTH)) {
            throw new IllegalArgumentException("id must be 1 to " + SessionProtocol.MAX_ID_LENGTH + " non-blank characters");
        }
        return new SessionClient(this);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    InetSocketAddress remote() {
        return remote;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    String id() {
        return id;
    }

    Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    Duration reconnectBase() {
        return reconnectBase;
    }

    Duration reconnectMax() {
        return reconnectMax;
    }

    boolean reconnect() {
        return reconnect;
    }

    long maxFrameLength() {
        return maxFrameLength;
    }

    Reactor reactor() {
        return reactor;
    }

    ClientHandler handler() {
        return handler;
    }
}
