package io.pollen.session.rest;

import io.pollen.codec.json.JsonLimits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    /** The most request threads {@link #threads(int)} accepts. */
    public static final int MAX_THREADS = 64;
    /** Default for {@link #defaultPageLimit(int)}: sessions per page of {@code GET /sessions} without {@code limit}. */
    public static final int DEFAULT_PAGE_LIMIT = 100;
    /** Default for {@link #maxPageLimit(int)}: the largest {@code limit} accepted by {@code GET /sessions}. */
    public static final int DEFAULT_MAX_PAGE_LIMIT = 1000;

    /** Default for {@link #clusterTimeout(Duration)}: 5 s, how long a request waits for the cluster's answer. */
    public static final Duration DEFAULT_CLUSTER_TIMEOUT = Duration.ofSeconds(5);

    /** RFC 6750's {@code b64token}: what may follow {@code "Bearer "} without quoting. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private InetSocketAddress bindAddress = DEFAULT_BIND_ADDRESS;
    private String bearerToken = DEFAULT_BEARER_TOKEN;
    private int threads = DEFAULT_THREADS;
    private int defaultPageLimit = DEFAULT_PAGE_LIMIT;
    private int maxPageLimit = DEFAULT_MAX_PAGE_LIMIT;
    private JsonLimits jsonLimits = new JsonLimits();
    private Duration clusterTimeout = DEFAULT_CLUSTER_TIMEOUT;

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
                + ", threads=" + threads + ", defaultPageLimit=" + defaultPageLimit + ", maxPageLimit=" + maxPageLimit
                + ", jsonLimits=" + jsonLimits + ", clusterTimeout=" + clusterTimeout + '}';
    }
}
