package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.reactor.Reactor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SessionClient}, and its terminal verb {@link #build()}, which starts connecting.
 *
 * <p>Pollen's configuration convention: a same-name fluent setter and getter per setting (the
 * reconnect back-off bounds, only meaningful together, are set by one two-argument setter and read by
 * two getters); each default a constant beside its setter; setters only store, and every check is in
 * {@link #conclude()}, which {@link #build()} calls first.
 *
 * <h2>Threading</h2>
 * Not thread-safe: configure and build on one thread; make one builder per client.
 */
public final class SessionClientBuilder {
    /** Default for {@link #localAddress(InetSocketAddress)}: null, the system chooses. */
    public static final InetSocketAddress DEFAULT_LOCAL_ADDRESS = null;
    /** Default for {@link #id(String)}: null, the server assigns one. */
    public static final String DEFAULT_ID = null;
    /** Default for {@link #helloToken(String)}: null, the hello carries no token. */
    public static final String DEFAULT_HELLO_TOKEN = null;
    /** Default for {@link #keepAliveInterval(Duration)}: 10 s, a third of the server's default interval. */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(10);
    /** Default first reconnect delay ceiling of {@link #reconnectBackoff(Duration, Duration)}: 100 ms. */
    public static final Duration DEFAULT_RECONNECT_BACKOFF_BASE = Duration.ofMillis(100);
    /** Default largest reconnect delay ceiling of {@link #reconnectBackoff(Duration, Duration)}: 30 s. */
    public static final Duration DEFAULT_RECONNECT_BACKOFF_MAX = Duration.ofSeconds(30);
    /** Default for {@link #reconnect(boolean)}: reconnect. */
    public static final boolean DEFAULT_RECONNECT = true;
    /** Default for {@link #maxFrameLength(long)}: 16 MiB, the codec's default. */
    public static final long DEFAULT_MAX_FRAME_LENGTH = CodecConfig.DEFAULT_MAX_FRAME_LENGTH;
    /** Default for {@link #requestTimeout(Duration)}: 10 s, retries and the reconnects between them included. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default for {@link #requestRetries(int)}: 2, the seed's {@code connmgr.handle(retry=2)}. */
    public static final int DEFAULT_REQUEST_RETRIES = 2;
    /** Default for {@link #maxPendingRequests(int)}: 1024. */
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;
    /** Default for {@link #reactor(Reactor)}: null, the client starts and owns a one-loop reactor. */
    public static final Reactor DEFAULT_REACTOR = null;

    private InetSocketAddress remote;
    private InetSocketAddress localAddress = DEFAULT_LOCAL_ADDRESS;
    private String id = DEFAULT_ID;
    private String helloToken = DEFAULT_HELLO_TOKEN;
    private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
    private Duration reconnectBackoffBase = DEFAULT_RECONNECT_BACKOFF_BASE;
    private Duration reconnectBackoffMax = DEFAULT_RECONNECT_BACKOFF_MAX;
    private boolean reconnect = DEFAULT_RECONNECT;
    private long maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int requestRetries = DEFAULT_REQUEST_RETRIES;
    private int maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;
    private Reactor reactor = DEFAULT_REACTOR;
    private ClientHandler handler = new ClientHandler() {
    };

    SessionClientBuilder() {
    }

    /**
     * @param remote the server (required; no default)
     * @return this
     */
    public SessionClientBuilder remote(InetSocketAddress remote) {
        this.remote = remote;
        return this;
    }

    /** @return the server */
    public InetSocketAddress remote() {
        return remote;
    }

    /**
     * @param localAddress the source address to bind (to spread clients over 127.0.0.x), or null
     *                     ({@link #DEFAULT_LOCAL_ADDRESS}) for the system's choice
     * @return this
     */
    public SessionClientBuilder localAddress(InetSocketAddress localAddress) {
        this.localAddress = localAddress;
        return this;
    }

    /** @return the source address to bind, or null */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * @param id the id to claim with {@code hello}, 1 to 256 non-blank characters; null
     *           ({@link #DEFAULT_ID}) lets the server assign one
     * @return this
     */
    public SessionClientBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** @return the id to claim, or null */
    public String id() {
        return id;
    }

    /**
     * @param token sent as the hello's {@code "token"} member, for a server whose
     *              {@link HelloAuthenticator} wants proof that this client may claim {@link #id()}
     *              (the example server's is an HMAC of the id); only with an id; null
     *              ({@link #DEFAULT_HELLO_TOKEN}) for none
     * @return this
     */
    public SessionClientBuilder helloToken(String token) {
        this.helloToken = token;
        return this;
    }

    /** @return the hello's token, or null */
    public String helloToken() {
        return helloToken;
    }

    /**
     * @param interval how often to send an empty keep-alive frame, positive (default
     *                 {@link #DEFAULT_KEEP_ALIVE_INTERVAL}: 10 s); keep it below the server's keep-alive
     *                 interval
     * @return this
     */
    public SessionClientBuilder keepAliveInterval(Duration interval) {
        this.keepAliveInterval = interval;
        return this;
    }

    /** @return how often to send an empty keep-alive frame */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /**
     * Sets both reconnect delay ceilings, which are only meaningful together: {@code 0 < base <= max}.
     * The n-th attempt in a row waits a random time up to {@code min(max, base * 2^n)}.
     *
     * @param base first reconnect delay ceiling (default {@link #DEFAULT_RECONNECT_BACKOFF_BASE}: 100 ms)
     * @param max  largest reconnect delay ceiling (default {@link #DEFAULT_RECONNECT_BACKOFF_MAX}: 30 s)
     * @return this
     */
    public SessionClientBuilder reconnectBackoff(Duration base, Duration max) {
        this.reconnectBackoffBase = base;
        this.reconnectBackoffMax = max;
        return this;
    }

    /** @return the first reconnect delay ceiling */
    public Duration reconnectBackoffBase() {
        return reconnectBackoffBase;
    }

    /** @return the largest reconnect delay ceiling */
    public Duration reconnectBackoffMax() {
        return reconnectBackoffMax;
    }

    /**
     * @param enabled whether to reconnect after losing the connection (default {@value #DEFAULT_RECONNECT})
     * @return this
     */
    public SessionClientBuilder reconnect(boolean enabled) {
        this.reconnect = enabled;
        return this;
    }

    /** @return whether to reconnect after losing the connection */
    public boolean reconnect() {
        return reconnect;
    }

    /**
     * @param bytes largest frame payload accepted from the server and sent to it, at least 1 (default
     *              {@link #DEFAULT_MAX_FRAME_LENGTH}: 16 MiB)
     * @return this
     */
    public SessionClientBuilder maxFrameLength(long bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /** @return the largest frame payload accepted and sent */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * @param timeout how long {@link SessionClient#request(String)} waits for a response in all, every
     *                attempt and reconnect included, and how long {@link SessionClient#withConnection}
     *                waits for a welcomed connection per run; positive (default
     *                {@link #DEFAULT_REQUEST_TIMEOUT}: 10 s)
     * @return this
     */
    public SessionClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** @return the default request timeout */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * @param retries how many times a request whose connection broke is sent again, and a block of
     *                work run again, by default; at least 0 (default {@value #DEFAULT_REQUEST_RETRIES})
     * @return this
     */
    public SessionClientBuilder requestRetries(int retries) {
        this.requestRetries = retries;
        return this;
    }

    /** @return the default request retries */
    public int requestRetries() {
        return requestRetries;
    }

    /**
     * @param max how many requests may be pending at once (sent or waiting for a connection); beyond
     *            it a request fails at once with {@link RequestFailedException.Reason#TOO_MANY_PENDING};
     *            at least 1 (default {@value #DEFAULT_MAX_PENDING_REQUESTS})
     * @return this
     */
    public SessionClientBuilder maxPendingRequests(int max) {
        this.maxPendingRequests = max;
        return this;
    }

    /** @return how many requests may be pending at once */
    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /**
     * @param reactor a running reactor to share (thousands of clients should share one); null (the
     *                default, {@link #DEFAULT_REACTOR}) makes the client start and own a one-loop reactor
     * @return this
     */
    public SessionClientBuilder reactor(Reactor reactor) {
        this.reactor = reactor;
        return this;
    }

    /** @return the shared reactor, or null for one of the client's own */
    public Reactor reactor() {
        return reactor;
    }

    /**
     * @param handler the application's callbacks (default: one that ignores everything)
     * @return this
     */
    public SessionClientBuilder handler(ClientHandler handler) {
        this.handler = handler;
        return this;
    }

    /** @return the application's callbacks */
    public ClientHandler handler() {
        return handler;
    }

    /**
     * Checks every setting, and the reconnect back-off bounds against each other.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad setting (both, for a pair)
     * @throws NullPointerException     naming a required setting that is null
     */
    public SessionClientBuilder conclude() {
        Objects.requireNonNull(remote, "remote: the server address is required");
        Objects.requireNonNull(handler, "handler");
        requirePositive(keepAliveInterval, "keepAliveInterval");
        requirePositive(reconnectBackoffBase, "reconnectBackoffBase");
        requirePositive(reconnectBackoffMax, "reconnectBackoffMax");
        if (reconnectBackoffMax.compareTo(reconnectBackoffBase) < 0) {
            throw new IllegalArgumentException("reconnectBackoffMax (" + reconnectBackoffMax
                    + ") must be >= reconnectBackoffBase (" + reconnectBackoffBase + ")");
        }
        requirePositive(requestTimeout, "requestTimeout");
        if (requestRetries < 0) {
            throw new IllegalArgumentException("requestRetries must be at least 0: " + requestRetries);
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be at least 1: " + maxPendingRequests);
        }
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be at least 1 byte: " + maxFrameLength);
        }
        new CodecConfig().maxFrameLength(maxFrameLength).conclude(); // the codec's upper bound
        if (id != null && (id.isBlank() || id.length() > SessionProtocol.MAX_ID_LENGTH)) {
            throw new IllegalArgumentException("id must be 1 to " + SessionProtocol.MAX_ID_LENGTH + " non-blank characters");
        }
        if (helloToken != null && id == null) {
            throw new IllegalArgumentException("helloToken is set without an id: a token proves the right to claim an id,"
                    + " and a client without one is given an id by the server");
        }
        return this;
    }

    /**
     * Concludes the settings ({@link #conclude()}) and starts connecting, without waiting for the
     * connection.
     *
     * @return the client
     * @throws IllegalArgumentException naming the first bad setting
     */
    public SessionClient build() {
        conclude();
        return new SessionClient(this);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
