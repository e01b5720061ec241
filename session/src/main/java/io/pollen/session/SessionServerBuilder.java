package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonLimits;
import io.pollen.reactor.Clock;
import io.pollen.reactor.OverflowPolicy;
import io.pollen.reactor.ReactorBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link SessionServer}: fluent same-name setters and getters, defaults beside them,
 * all checks in {@link #start()}. Not thread-safe; build on one thread.
 */
public final class SessionServerBuilder {
    /** Default listening address: loopback, port 7000. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 7000);
    /** Default hard cap of one session's write queue: 4 MiB. */
    public static final long DEFAULT_MAX_PENDING_WRITE_BYTES = ReactorBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES;

    private String backend;
    private InetSocketAddress address = DEFAULT_ADDRESS;
    private int threads = Runtime.getRuntime().availableProcessors();
    private KeepAlivePolicy keepAlive = KeepAlivePolicy.DEFAULT;
    private Duration pingInterval;
    private long maxFrameLength = CodecConfig.DEFAULT_MAX_FRAME_LENGTH;
    private int largeMessageThreshold = CodecConfig.DEFAULT_LARGE_MESSAGE_THRESHOLD;
    private JsonLimits jsonLimits = new JsonLimits();
    private int maxSessions;
    private long maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;
    private SessionHandler handler;
    private Executor executor;
    private Clock clock = Clock.system();
    private Duration shutdownDrainTimeout = ReactorBuilder.DEFAULT_SHUTDOWN_DRAIN_TIMEOUT;

    SessionServerBuilder() {
    }

    /**
     * @param alias backend alias or {@code auto}; null (default) reads {@code pollen.backend}
     * @return this
     */
    public SessionServerBuilder backend(String alias) {
        this.backend = alias;
        return this;
    }

    /** @return the backend alias, or null for the default */
    public String backend() {
        return backend;
    }

    /**
     * @param address where to listen (port 0: any free port); default 127.0.0.1:7000
     * @return this
     */
    public SessionServerBuilder address(InetSocketAddress address) {
        this.address = address;
        return this;
    }

    /** @return where to listen */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * @param threads event loops (default: available processors)
     * @return this
     */
    public SessionServerBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** @return event loops */
    public int threads() {
        return threads;
    }

    /**
     * @param policy keep-alive interval and misses (default 30 s, 3)
     * @return this
     */
    public SessionServerBuilder keepAlive(KeepAlivePolicy policy) {
        this.keepAlive = policy;
        return this;
    }

    /** @return the keep-alive policy */
    public KeepAlivePolicy keepAlive() {
        return keepAlive;
    }

    /**
     * @param interval how often the server pings each session to measure round-trip time; null
     *                 (the default) for never
     * @return this
     */
    public SessionServerBuilder pingInterval(Duration interval) {
        this.pingInterval = interval;
        return this;
    }

    /** @return the server ping interval, or null */
    public Duration pingInterval() {
        return pingInterval;
    }

    /**
     * @param bytes the largest accepted frame payload (default 16 MiB)
     * @return this
     */
    public SessionServerBuilder maxFrameLength(long bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /** @return the largest accepted frame payload */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * @param bytes payloads above this are streamed as tokens instead of parsed whole (default 64 KiB)
     * @return this
     */
    public SessionServerBuilder largeMessageThreshold(int bytes) {
        this.largeMessageThreshold = bytes;
        return this;
    }

    /** @return the large-message threshold */
    public int largeMessageThreshold() {
        return largeMessageThreshold;
    }

    /**
     * @param limits JSON limits (depth, string, number, document length)
     * @return this
     */
    public SessionServerBuilder jsonLimits(JsonLimits limits) {
        this.jsonLimits = limits;
        return this;
    }

    /** @return the JSON limits */
    public JsonLimits jsonLimits() {
        return jsonLimits;
    }

    /**
     * @param max the most sessions at once; 0 (default) for no cap beyond descriptors
     * @return this
     */
    public SessionServerBuilder maxSessions(int max) {
        this.maxSessions = max;
        return this;
    }

    /** @return the session cap, 0 for none */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * @param bytes hard cap of one session's write queue; sends past it get
     *              {@link SendResult#REJECTED_FULL} (default 4 MiB)
     * @return this
     */
    public SessionServerBuilder maxPendingWriteBytes(long bytes) {
        this.maxPendingWriteBytes = bytes;
        return this;
    }

    /** @return the per-session write cap */
    public long maxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    /**
     * @param handler the application's callbacks (required)
     * @return this
     */
    public SessionServerBuilder handler(SessionHandler handler) {
        this.handler = handler;
        return this;
    }

    /** @return the application's callbacks */
    public SessionHandler handler() {
        return handler;
    }

    /**
     * @param executor where {@link SessionHandler} callbacks run (one at a time per session), e.g.
     *                 virtual threads on Java 21+; null (default) runs them on the loop threads
     * @return this
     */
    public SessionServerBuilder executor(Executor executor) {
        this.executor = executor;
        return this;
    }

    /** @return the callback executor, or null for the loop threads */
    public Executor executor() {
        return executor;
    }

    /**
     * @param clock the clock of keep-alive timers (tests use a manual one)
     * @return this
     */
    public SessionServerBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** @return the keep-alive clock */
    public Clock clock() {
        return clock;
    }

    /**
     * @param timeout how long {@link SessionServer#close()} lets sessions drain (default 5 s)
     * @return this
     */
    public SessionServerBuilder shutdownDrainTimeout(Duration timeout) {
        this.shutdownDrainTimeout = timeout;
        return this;
    }

    /** @return the drain timeout of close */
    public Duration shutdownDrainTimeout() {
        return shutdownDrainTimeout;
    }

    /**
     * Checks the settings and builds the per-connection stack without a reactor, for running
     * connections in memory (unit tests with {@code EmbeddedConnection}).
     *
     * @return the pipeline
     * @throws IllegalArgumentException naming the first bad setting
     */
    public SessionPipeline pipeline() {
        validate();
        return new SessionPipeline(this);
    }

    /**
     * Checks the settings, starts the reactor and listens.
     *
     * @return the running server
     * @throws IOException              if listening fails
     * @throws IllegalArgumentException naming the first bad setting
     */
    public SessionServer start() throws IOException {
        validate();
        return SessionServer.start(this);
    }

    private void validate() {
        Objects.requireNonNull(handler, "handler: a SessionHandler is required");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(jsonLimits, "jsonLimits");
        Objects.requireNonNull(clock, "clock");
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be at least 1 byte: " + maxFrameLength);
        }
        if (maxPendingWriteBytes < 2) {
            throw new IllegalArgumentException("maxPendingWriteBytes must be at least 2 bytes: " + maxPendingWriteBytes);
        }
        if (maxSessions < 0) {
            throw new IllegalArgumentException("maxSessions must be >= 0 (0 = no cap): " + maxSessions);
        }
        if (pingInterval != null && (pingInterval.isZero() || pingInterval.isNegative())) {
            throw new IllegalArgumentException("pingInterval must be positive: " + pingInterval);
        }
    }
}
