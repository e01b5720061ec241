package io.pollen.cluster.redis;

import io.pollen.session.cluster.InProcessSessionCluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link RedisSessionCluster}: same-name fluent setters and getters, each default
 * beside its property, every check in {@link #conclude()}.
 *
 * <pre>{@code
 * RedisClusterConfig config = new RedisClusterConfig()
 *         .uri("redis://127.0.0.1:6379")
 *         .nodeName("box1-4711")
 *         .heartbeatInterval(Duration.ofSeconds(1))
 *         .nodeTtl(Duration.ofSeconds(5))
 *         .callTimeout(Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>Not thread-safe: configure it on one thread, then hand it to {@link RedisSessionCluster#connect},
 * which concludes it and keeps a copy.
 */
public final class RedisClusterConfig {
    /** Default for {@link #uri(String)}: a Redis on this host's default port. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    /** Default for {@link #heartbeatInterval(Duration)}: 1 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** Default for {@link #nodeTtl(Duration)}: 5 s, so a silent node is purged within 10 s. */
    public static final Duration DEFAULT_NODE_TTL = Duration.ofSeconds(5);
    /** Default for {@link #callTimeout(Duration)}: 2 s. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Default for {@link #maxRoutedPayload(long)}: 16 MiB and 64 bytes, the example server's frame limit and some. */
    public static final long DEFAULT_MAX_ROUTED_PAYLOAD = 16L * 1024 * 1024 + 64;
    /**
     * Default for {@link #directoryFlushInterval(Duration)}: 10 ms, how long a session's new id may wait
     * before the directory has it; a thousand connections a second then cost Redis a hundred calls.
     */
    public static final Duration DEFAULT_DIRECTORY_FLUSH_INTERVAL = Duration.ofMillis(10);
    /** Default for {@link #keyPrefix(String)}: {@code "pollen:"}. */
    public static final String DEFAULT_KEY_PREFIX = "pollen:";
    /**
     * The longest payload a routed call may carry: Redis refuses a bulk string over 512 MB, and a
     * subscriber's output buffer is cut at 32 MB by default, so a larger limit only moves the failure.
     */
    public static final long MAX_ROUTED_PAYLOAD_LIMIT = 32L * 1024 * 1024 - 1024;

    private String uri = DEFAULT_URI;
    private String nodeName;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration nodeTtl = DEFAULT_NODE_TTL;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private long maxRoutedPayload = DEFAULT_MAX_ROUTED_PAYLOAD;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration directoryFlushInterval = DEFAULT_DIRECTORY_FLUSH_INTERVAL;

    /** A configuration with every default. */
    public RedisClusterConfig() {
    }

    /**
     * @param uri {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS
     * @return this
     */
    public RedisClusterConfig uri(String uri) {
        this.uri = uri;
        return this;
    }

    /** @return the Redis address */
    public String uri() {
        return uri;
    }

    /**
     * @param nodeName this node's name, unique among the live nodes; null for
     *                 {@link InProcessSessionCluster#defaultNodeName()}
     * @return this
     */
    public RedisClusterConfig nodeName(String nodeName) {
        this.nodeName = nodeName;
        return this;
    }

    /** @return this node's name, or null until concluded if none was set */
    public String nodeName() {
        return nodeName;
    }

    /**
     * @param heartbeatInterval how often this node renews its heartbeat, looks for dead nodes and checks
     *                          that Redis still knows it
     * @return this
     */
    public RedisClusterConfig heartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
        return this;
    }

    /** @return the heartbeat interval */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * @param nodeTtl how long a heartbeat lives: a node silent that long is dead, and purged by the
     *                others at their next heartbeat
     * @return this
     */
    public RedisClusterConfig nodeTtl(Duration nodeTtl) {
        this.nodeTtl = nodeTtl;
        return this;
    }

    /** @return the heartbeat's time to live */
    public Duration nodeTtl() {
        return nodeTtl;
    }

    /**
     * @param callTimeout how long a call routed to another node waits for its answer, and a Redis
     *                    command for its reply
     * @return this
     */
    public RedisClusterConfig callTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
        return this;
    }

    /** @return the call timeout */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * @param maxRoutedPayload the longest message, in bytes, carried to a session of another node
     * @return this
     */
    public RedisClusterConfig maxRoutedPayload(long maxRoutedPayload) {
        this.maxRoutedPayload = maxRoutedPayload;
        return this;
    }

    /** @return the longest routed message */
    public long maxRoutedPayload() {
        return maxRoutedPayload;
    }

    /**
     * @param keyPrefix how every key and channel of this cluster begins, so that several clusters (or
     *                  other applications) share one Redis
     * @return this
     */
    public RedisClusterConfig keyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
        return this;
    }

    /** @return the key prefix */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * @param interval how often the ids this node's sessions took and gave up are sent to the directory,
     *                 in one batch (default {@link #DEFAULT_DIRECTORY_FLUSH_INTERVAL}): shorter makes a new
     *                 session findable from other nodes sooner, longer costs Redis fewer calls
     * @return this
     */
    public RedisClusterConfig directoryFlushInterval(Duration interval) {
        this.directoryFlushInterval = interval;
        return this;
    }

    /** @return how often directory changes are sent */
    public Duration directoryFlushInterval() {
        return directoryFlushInterval;
    }

    /**
     * Fills in the defaults that depend on the process and checks every setting.
     *
     * @return this
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public RedisClusterConfig conclude() {
        Objects.requireNonNull(uri, "uri");
        checkUri(uri);
        if (nodeName == null) {
            nodeName = InProcessSessionCluster.defaultNodeName();
        }
        if (nodeName.isEmpty() || nodeName.chars().anyMatch(c -> c <= ' ' || c == '/' || c == 0x7f)) {
            throw new IllegalArgumentException("nodeName must be non-empty, without spaces, control characters or '/': '"
                    + nodeName + "'");
        }
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("nodeTtl", nodeTtl);
        requirePositive("callTimeout", callTimeout);
        requirePositive("directoryFlushInterval", directoryFlushInterval);
        if (directoryFlushInterval.compareTo(heartbeatInterval) > 0) {
            throw new IllegalArgumentException("directoryFlushInterval (" + directoryFlushInterval.toMillis()
                    + " ms) must not be longer than the heartbeatInterval (" + heartbeatInterval.toMillis() + " ms)");
        }
        if (nodeTtl.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            // One late heartbeat must not make a live node look dead.
            throw new IllegalArgumentException("nodeTtl (" + nodeTtl.toMillis() + " ms) must be at least twice the heartbeatInterval ("
                    + heartbeatInterval.toMillis() + " ms)");
        }
        if (maxRoutedPayload < 1 || maxRoutedPayload > MAX_ROUTED_PAYLOAD_LIMIT) {
            throw new IllegalArgumentException("maxRoutedPayload must be in 1.." + MAX_ROUTED_PAYLOAD_LIMIT + ": " + maxRoutedPayload);
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return this;
    }

    /** @return an independent copy */
    RedisClusterConfig copy() {
        return new RedisClusterConfig().uri(uri).nodeName(nodeName).heartbeatInterval(heartbeatInterval).nodeTtl(nodeTtl)
                .callTimeout(callTimeout).maxRoutedPayload(maxRoutedPayload).keyPrefix(keyPrefix)
                .directoryFlushInterval(directoryFlushInterval);
    }

    private static void checkUri(String uri) {
        try {
            String scheme = new URI(uri).getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
                throw new IllegalArgumentException("uri must be redis://[user:password@]host:port[/db] or rediss://...: "
                        + RedisAddress.redact(uri));
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("uri is not a URI: " + RedisAddress.redact(uri), e);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
