package io.pollen.session.rest;

import io.pollen.codec.json.JsonLimits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Settings of a {@link RestGateway}, handed to {@link RestGateway#start(io.pollen.session.SessionServer,
 * RestGatewayConfig)}: same-name fluent setters and getters, each default a constant beside its setter;
 * setters only store, and every check, of one setting or of two where they meet, is in
 * {@link #conclude()}, which {@code start} calls first.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Bound to a loopback address (the default, {@code 127.0.0.1:8080}), the gateway needs no token;
 *       if one is set anyway, it is enforced.</li>
 *   <li>Bound to any other address, including the wildcard {@code 0.0.0.0}, a bearer token is required:
 *       {@link #conclude()} and {@link RestGateway#start(io.pollen.session.SessionServer, RestGatewayConfig)}
 *       refuse to go on without one (see {@link #requiresToken(InetAddress)}).</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Mutable and not thread-safe: configure it on one thread, then pass it to {@link RestGateway#start};
 * the gateway copies what it needs, so later changes do not affect a running gateway.
 */
public final class RestGatewayConfig {
    /** Default for {@link #bindAddress(InetSocketAddress)}: loopback, port 8080 (DESIGN.md's {@code --http-port}). */
    public static final InetSocketAddress DEFAULT_BIND_ADDRESS = new InetSocketAddress("127.0.0.1", 8080);
    /** Default for {@link #bearerToken(String)}: null, no token, which only a loopback bind address allows. */
    public static final String DEFAULT_BEARER_TOKEN = null;
    /**
     * Default for {@link #threads(int)}: 16 request threads. A request for a session of another node
     * holds its thread for a round trip through the routing layer (a millisecond or so through Redis),
     * so a few threads would cap routed requests at a few thousand a second less their queueing; idle
     * threads cost only their stacks' address space.
     */
    public static final int DEFAULT_THREADS = 16;
    /**
     * Default for {@link #acceptBacklog(int)}: 1024 connections waiting to be accepted. The JDK's own
     * default (50) overflows under a thousand requests a second from clients that open a connection per
     * concurrent request, and every overflow costs that client a SYN retransmission: a second.
     */
    public static final int DEFAULT_ACCEPT_BACKLOG = 1024;
    /** The most request threads {@link #threads(int)} accepts. */
    public static final int MAX_THREADS = 64;
    /** Default for {@link #defaultPageLimit(int)}: sessions per page of {@code GET /sessions} without {@code limit}. */
    public static final int DEFAULT_PAGE_LIMIT = 100;
    /** Default for {@link #maxPageLimit(int)}: the largest {@code limit} accepted by {@code GET /sessions}. */
    public static final int DEFAULT_MAX_PAGE_LIMIT = 1000;

    /** Default for {@link #clusterTimeout(Duration)}: 5 s, how long a request waits for the cluster's answer. */
    public static final Duration DEFAULT_CLUSTER_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Default for {@link #spoolThreshold(int)}: 1 MiB. Bodies up to this many bytes are read into memory;
     * longer ones are written to a spool file as they arrive and sent from it.
     */
    public static final int DEFAULT_SPOOL_THRESHOLD = 1 << 20;
    /** The largest {@link #spoolThreshold(int)}: what one array holds. */
    public static final int MAX_SPOOL_THRESHOLD = Integer.MAX_VALUE - 16;
    /**
     * Default for {@link #spoolDirectory(Path)}: null, the JVM's {@code java.io.tmpdir} as it is when the
     * gateway starts.
     */
    public static final Path DEFAULT_SPOOL_DIRECTORY = null;
    /** Default for {@link #maxSpoolBytes(long)}: 1 GiB of spool files alive at once. */
    public static final long DEFAULT_MAX_SPOOL_BYTES = 1L << 30;
    /** Default for {@link #bodyReadTimeout(Duration)}: 30 s, the longest pause inside a request body. */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default for {@link #minBodyRate(long)}: 16 KiB/s (128 kbit/s), far below any working network. */
    public static final long DEFAULT_MIN_BODY_RATE = 16 * 1024;

    /** RFC 6750's {@code b64token}: what may follow {@code "Bearer "} without quoting. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private InetSocketAddress bindAddress = DEFAULT_BIND_ADDRESS;
    private String bearerToken = DEFAULT_BEARER_TOKEN;
    private int threads = DEFAULT_THREADS;
    private int acceptBacklog = DEFAULT_ACCEPT_BACKLOG;
    private int defaultPageLimit = DEFAULT_PAGE_LIMIT;
    private int maxPageLimit = DEFAULT_MAX_PAGE_LIMIT;
    private JsonLimits jsonLimits = new JsonLimits();
    private Duration clusterTimeout = DEFAULT_CLUSTER_TIMEOUT;
    private int spoolThreshold = DEFAULT_SPOOL_THRESHOLD;
    private Path spoolDirectory = DEFAULT_SPOOL_DIRECTORY;
    private long maxSpoolBytes = DEFAULT_MAX_SPOOL_BYTES;
    private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
    private long minBodyRate = DEFAULT_MIN_BODY_RATE;

    /**
     * @param address where to listen (port 0: any free port); default {@link #DEFAULT_BIND_ADDRESS}
     * @return this
     */
    public RestGatewayConfig bindAddress(InetSocketAddress address) {
        this.bindAddress = address;
        return this;
    }

    /** @return where to listen */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /**
     * @param token the token every request must present as {@code Authorization: Bearer <token>}; null
     *              ({@link #DEFAULT_BEARER_TOKEN}) for none, which only a loopback bind address allows
     * @return this
     */
    public RestGatewayConfig bearerToken(String token) {
        this.bearerToken = token;
        return this;
    }

    /** @return the bearer token, or null */
    public String bearerToken() {
        return bearerToken;
    }

    /**
     * @param threads how many requests are answered at once (default {@link #DEFAULT_THREADS})
     * @return this
     */
    public RestGatewayConfig threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** @return how many requests are answered at once */
    public int threads() {
        return threads;
    }

    /**
     * @param backlog how many connections may wait to be accepted (default {@link #DEFAULT_ACCEPT_BACKLOG});
     *                the kernel caps it at {@code net.core.somaxconn}
     * @return this
     */
    public RestGatewayConfig acceptBacklog(int backlog) {
        this.acceptBacklog = backlog;
        return this;
    }

    /** @return how many connections may wait to be accepted */
    public int acceptBacklog() {
        return acceptBacklog;
    }

    /**
     * @param limit sessions per page when a {@code GET /sessions} names no {@code limit}
     *              (default {@link #DEFAULT_PAGE_LIMIT})
     * @return this
     */
    public RestGatewayConfig defaultPageLimit(int limit) {
        this.defaultPageLimit = limit;
        return this;
    }

    /** @return sessions per page without {@code limit} */
    public int defaultPageLimit() {
        return defaultPageLimit;
    }

    /**
     * @param limit the largest {@code limit} a {@code GET /sessions} may ask for; larger ones get 400
     *              (default {@link #DEFAULT_MAX_PAGE_LIMIT})
     * @return this
     */
    public RestGatewayConfig maxPageLimit(int limit) {
        this.maxPageLimit = limit;
        return this;
    }

    /** @return the largest {@code limit} accepted */
    public int maxPageLimit() {
        return maxPageLimit;
    }

    /**
     * @param limits what JSON request bodies may contain (depth, string, number and name lengths),
     *               replacing the held limits; default {@code new JsonLimits()}, the codec's defaults. The
     *               body length is bounded by the server's frame limit, not by these.
     * @return this
     */
    public RestGatewayConfig jsonLimits(JsonLimits limits) {
        this.jsonLimits = limits;
        return this;
    }

    /**
     * @param settings configures the held JSON limits in place
     * @return this
     */
    public RestGatewayConfig jsonLimits(Consumer<JsonLimits> settings) {
        settings.accept(jsonLimits);
        return this;
    }

    /** @return the held JSON limits of request bodies, to read or configure in place */
    public JsonLimits jsonLimits() {
        return jsonLimits;
    }

    /**
     * @param timeout how long a request waits for the answer of the node holding a session (or of the
     *                cluster, for lists and counts) before it is answered 504 (default
     *                {@link #DEFAULT_CLUSTER_TIMEOUT}); sessions of this process answer at once
     * @return this
     */
    public RestGatewayConfig clusterTimeout(Duration timeout) {
        this.clusterTimeout = timeout;
        return this;
    }

    /** @return how long a request waits for the cluster */
    public Duration clusterTimeout() {
        return clusterTimeout;
    }

    /**
     * @param bytes the longest request body kept in memory (default {@link #DEFAULT_SPOOL_THRESHOLD}); a
     *              longer one is validated while it is written to a temporary file in
     *              {@link #spoolDirectory(Path)}, then streamed from that file to the client, so it is never
     *              held whole. Broadcast bodies are sent from memory: a longer one is refused with 413.
     *              0 to 2<sup>31</sup>-17.
     * @return this
     */
    public RestGatewayConfig spoolThreshold(int bytes) {
        this.spoolThreshold = bytes;
        return this;
    }

    /** @return the longest request body kept in memory */
    public int spoolThreshold() {
        return spoolThreshold;
    }

    /**
     * @param directory an existing directory for the spool files of large bodies; null
     *                  ({@link #DEFAULT_SPOOL_DIRECTORY}) for {@code java.io.tmpdir}
     * @return this
     */
    public RestGatewayConfig spoolDirectory(Path directory) {
        this.spoolDirectory = directory;
        return this;
    }

    /** @return the directory of spool files, or null for {@code java.io.tmpdir} */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    /**
     * @param bytes the most bytes that spool files may hold together (default {@link #DEFAULT_MAX_SPOOL_BYTES}):
     *              a file lives from its body's first byte until its message is sent to the client (or
     *              refused). A large body that would pass it is answered 503 {@code spool_full} with
     *              {@code Retry-After}, before its body is read when its length is declared. At least 0.
     * @return this
     */
    public RestGatewayConfig maxSpoolBytes(long bytes) {
        this.maxSpoolBytes = bytes;
        return this;
    }

    /** @return the most bytes spool files may hold together */
    public long maxSpoolBytes() {
        return maxSpoolBytes;
    }

    /**
     * @param timeout the longest pause while a request body arrives, and the grace period before
     *                {@link #minBodyRate(long)} applies (default {@link #DEFAULT_BODY_READ_TIMEOUT}). A
     *                body that pauses longer, or then falls below the minimum rate, has its connection
     *                closed without an answer, and its request thread is free again; nothing of it is
     *                delivered. The same deadline bounds the JDK server's discarding of a body left unread
     *                (after a 401, 413 or 503). Positive.
     * @return this
     */
    public RestGatewayConfig bodyReadTimeout(Duration timeout) {
        this.bodyReadTimeout = timeout;
        return this;
    }

    /** @return the longest pause while a request body arrives */
    public Duration bodyReadTimeout() {
        return bodyReadTimeout;
    }

    /**
     * @param bytesPerSecond the slowest average rate at which a request body may arrive, counted from its
     *                       first read, once {@link #bodyReadTimeout(Duration)} has passed: a body must have
     *                       delivered {@code (elapsed - bodyReadTimeout) * rate} bytes (default
     *                       {@link #DEFAULT_MIN_BODY_RATE}); 0 for no rate, only the pause limit. At least 0.
     * @return this
     */
    public RestGatewayConfig minBodyRate(long bytesPerSecond) {
        this.minBodyRate = bytesPerSecond;
        return this;
    }

    /** @return the slowest average body rate accepted, in bytes per second; 0 for none */
    public long minBodyRate() {
        return minBodyRate;
    }

    /**
     * Whether binding {@code address} calls for a bearer token: any address other than loopback,
     * including the wildcard, can be reached from other hosts.
     *
     * @param address an address to bind
     * @return true unless {@code address} is a loopback address
     */
    public static boolean requiresToken(InetAddress address) {
        return !address.isLoopbackAddress();
    }

    /**
     * Checks every setting, the JSON limits included, and the pairs that meet: the bind address and the
     * bearer token, the default and the largest page.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad setting (both, for a pair) and how to fix it
     */
    public RestGatewayConfig conclude() {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(jsonLimits, "jsonLimits").conclude();
        Objects.requireNonNull(clusterTimeout, "clusterTimeout");
        if (clusterTimeout.isZero() || clusterTimeout.isNegative()) {
            throw new IllegalArgumentException("clusterTimeout must be positive: " + clusterTimeout);
        }
        Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
        if (bodyReadTimeout.isZero() || bodyReadTimeout.isNegative()) {
            throw new IllegalArgumentException("bodyReadTimeout must be positive: " + bodyReadTimeout);
        }
        if (spoolThreshold < 0 || spoolThreshold > MAX_SPOOL_THRESHOLD) {
            throw new IllegalArgumentException("spoolThreshold must be from 0 to " + MAX_SPOOL_THRESHOLD + " bytes: "
                    + spoolThreshold);
        }
        if (maxSpoolBytes < 0) {
            throw new IllegalArgumentException("maxSpoolBytes must be at least 0: " + maxSpoolBytes);
        }
        if (minBodyRate < 0) {
            throw new IllegalArgumentException("minBodyRate must be at least 0 bytes per second (0: none): " + minBodyRate);
        }
        if (spoolDirectory != null && !Files.isDirectory(spoolDirectory)) {
            throw new IllegalArgumentException("spoolDirectory " + spoolDirectory + " is not an existing directory: "
                    + "create it, or leave it unset for java.io.tmpdir");
        }
        if (bindAddress.isUnresolved()) {
            throw new IllegalArgumentException("bindAddress " + bindAddress + " is unresolved: give an IP address "
                    + "or a host name that resolves");
        }
        if (bearerToken == null) {
            if (requiresToken(bindAddress.getAddress())) {
                throw new IllegalArgumentException("the REST gateway would listen on " + bindAddress + ", which "
                        + "is not a loopback address, without a bearer token: set one with "
                        + "RestGatewayConfig.bearerToken(...), or bind 127.0.0.1");
            }
        } else if (!BEARER_TOKEN.matcher(bearerToken).matches()) {
            throw new IllegalArgumentException("the bearer token must be non-empty and use only letters, digits "
                    + "and - . _ ~ + / (then optional '=' padding), as RFC 6750 requires; a random hex or "
                    + "base64 string works");
        }
        if (acceptBacklog < 1) {
            throw new IllegalArgumentException("acceptBacklog must be at least 1: " + acceptBacklog);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be from 1 to " + MAX_THREADS + ": " + threads);
        }
        if (maxPageLimit < 1) {
            throw new IllegalArgumentException("maxPageLimit must be at least 1: " + maxPageLimit);
        }
        if (defaultPageLimit < 1 || defaultPageLimit > maxPageLimit) {
            throw new IllegalArgumentException("defaultPageLimit must be from 1 to maxPageLimit (" + maxPageLimit
                    + "): " + defaultPageLimit);
        }
        return this;
    }

    @Override
    public String toString() {
        // Never print the token itself: configurations end up in logs.
        return "RestGatewayConfig{bindAddress=" + bindAddress + ", bearerToken=" + (bearerToken == null ? "none" : "set")
                + ", threads=" + threads + ", acceptBacklog=" + acceptBacklog + ", defaultPageLimit=" + defaultPageLimit + ", maxPageLimit=" + maxPageLimit
                + ", jsonLimits=" + jsonLimits + ", clusterTimeout=" + clusterTimeout + ", spoolThreshold=" + spoolThreshold
                + ", spoolDirectory=" + (spoolDirectory == null ? "java.io.tmpdir" : spoolDirectory)
                + ", maxSpoolBytes=" + maxSpoolBytes + ", bodyReadTimeout=" + bodyReadTimeout
                + ", minBodyRate=" + minBodyRate + '}';
    }
}
