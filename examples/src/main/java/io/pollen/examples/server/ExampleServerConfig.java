package io.pollen.examples.server;

import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.reactor.ListenOptions;
import io.pollen.reactor.ReactorBuilder;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.session.HelloAuthenticator;
import io.pollen.session.KeepAlivePolicy;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionServerBuilder;
import io.pollen.session.cluster.InProcessSessionCluster;
import io.pollen.session.rest.RestGatewayConfig;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * What the {@code server} command's options decide: the same settings whether the server is started
 * from the command line or from a test, with the contract's defaults (DESIGN.md, docs/PROTOCOL.md).
 *
 * <pre>{@code
 * ExampleServer server = ExampleServer.start(new ExampleServerConfig()
 *         .address(new InetSocketAddress("127.0.0.1", 0))
 *         .httpAddress(null)                                   // no REST gateway
 *         .keepAlive(k -> k.interval(Duration.ofSeconds(5)).misses(2)));
 * }</pre>
 *
 * <p>Same-name fluent setters and getters, each default a constant beside its setter; setters only
 * store, and {@link #conclude()}, which {@link ExampleServer#start} calls first, checks everything by
 * concluding the session server and REST gateway settings these ones translate into.
 *
 * <h2>Threading</h2>
 * Mutable and not thread-safe: configure it on one thread, then pass it to {@link ExampleServer#start};
 * the server reads it once, so later changes do not affect a running server.
 */
public final class ExampleServerConfig {
    /** Default for {@link #backend(String)}: {@code --backend auto}. */
    public static final String DEFAULT_BACKEND = BackendAliases.AUTO;
    /** Default for {@link #address(InetSocketAddress)}: {@code --host 127.0.0.1 --port 7000}. */
    public static final InetSocketAddress DEFAULT_ADDRESS = SessionServerBuilder.DEFAULT_ADDRESS;
    /** Default for {@link #httpAddress(InetSocketAddress)}: {@code --http-host 127.0.0.1 --http-port 8080}. */
    public static final InetSocketAddress DEFAULT_HTTP_ADDRESS = RestGatewayConfig.DEFAULT_BIND_ADDRESS;
    /** Default for {@link #httpToken(String)}: none, which only a loopback REST address allows. */
    public static final String DEFAULT_HTTP_TOKEN = null;
    /** Default for {@link #threads(int)}: {@code --threads}, the number of cores. */
    public static final int DEFAULT_THREADS = ReactorBuilder.DEFAULT_THREADS;
    /** Default for {@link #maxFrameLength(long)}: {@code --max-frame 16m}. */
    public static final long DEFAULT_MAX_FRAME_LENGTH = SessionServerBuilder.DEFAULT_MAX_FRAME_LENGTH;
    /** Value of {@link #maxSessions(int)} meaning no cap, and its default ({@code --max-sessions} absent). */
    public static final int NO_SESSION_CAP = ReactorBuilder.NO_CONNECTION_CAP;
    /** Default for {@link #sequential(boolean)}: false, the application runs as callbacks ({@code --sequential} absent). */
    public static final boolean DEFAULT_SEQUENTIAL = false;
    /** Default for {@link #sessionThreads(ThreadFactory)}: null, a virtual thread per sequential session (Java 21+). */
    public static final ThreadFactory DEFAULT_SESSION_THREADS = SessionServerBuilder.DEFAULT_SESSION_THREADS;
    /** Default for {@link #pingInterval(Duration)}: null, {@code --ping-interval} absent, the server never pings. */
    public static final Duration DEFAULT_PING_INTERVAL = SessionServerBuilder.DEFAULT_PING_INTERVAL;
    /** Default for {@link #helloSecret(String)}: none, any client may claim any id the server did not assign. */
    public static final String DEFAULT_HELLO_SECRET = null;
    /** Default for {@link #drainTimeout(Duration)}: the reactor's, {@value #DRAIN_TIMEOUT_PROPERTY} unset. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = ReactorBuilder.DEFAULT_SHUTDOWN_DRAIN_TIMEOUT;
    /**
     * The system property the {@code server} command reads {@link #drainTimeout(Duration)} from, e.g.
     * {@code -Dpollen.server.drainTimeout=10s}: not an option, so that the command line stays DESIGN.md's.
     */
    public static final String DRAIN_TIMEOUT_PROPERTY = "pollen.server.drainTimeout";
    /** Default for {@link #redisUri(String)}: none, {@code --redis} absent, a cluster of this process alone. */
    public static final String DEFAULT_REDIS_URI = null;
    /** Default for {@link #nodeName(String)}: null, {@code --node} absent: the host name and pid. */
    public static final String DEFAULT_NODE_NAME = null;
    /** Default for {@link #workers(int)}: {@code --workers 1}, this process serves the sessions itself. */
    public static final int DEFAULT_WORKERS = 1;
    /** The most worker processes {@link #workers(int)} accepts. */
    public static final int MAX_WORKERS = 64;
    /** Default for {@link #reusePort(boolean)}: false, the port is this process's alone. */
    public static final boolean DEFAULT_REUSE_PORT = false;

    private String backend = DEFAULT_BACKEND;
    private InetSocketAddress address = DEFAULT_ADDRESS;
    private InetSocketAddress httpAddress = DEFAULT_HTTP_ADDRESS;
    private String httpToken = DEFAULT_HTTP_TOKEN;
    private int threads = DEFAULT_THREADS;
    private KeepAlivePolicy keepAlive = new KeepAlivePolicy();
    private long maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int maxSessions = NO_SESSION_CAP;
    private boolean sequential = DEFAULT_SEQUENTIAL;
    private ThreadFactory sessionThreads = DEFAULT_SESSION_THREADS;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private String helloSecret = DEFAULT_HELLO_SECRET;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private String redisUri = DEFAULT_REDIS_URI;
    private String nodeName = DEFAULT_NODE_NAME;
    private int workers = DEFAULT_WORKERS;
    private boolean reusePort = DEFAULT_REUSE_PORT;

    /**
     * @param backend a backend alias or {@code auto} (default {@value #DEFAULT_BACKEND})
     * @return this
     */
    public ExampleServerConfig backend(String backend) {
        this.backend = backend;
        return this;
    }

    /** @return the backend alias, or {@code auto} */
    public String backend() {
        return backend;
    }

    /**
     * @param address where sessions connect (port 0: any free port); default {@link #DEFAULT_ADDRESS}
     * @return this
     */
    public ExampleServerConfig address(InetSocketAddress address) {
        this.address = address;
        return this;
    }

    /** @return where sessions connect */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * @param address where the REST gateway listens, or null for no gateway; default
     *                {@link #DEFAULT_HTTP_ADDRESS}
     * @return this
     */
    public ExampleServerConfig httpAddress(InetSocketAddress address) {
        this.httpAddress = address;
        return this;
    }

    /** @return where the REST gateway listens, or null for none */
    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    /**
     * @param token the bearer token the REST gateway demands, or null ({@link #DEFAULT_HTTP_TOKEN}) for
     *              none, which only a loopback REST address allows
     * @return this
     */
    public ExampleServerConfig httpToken(String token) {
        this.httpToken = token;
        return this;
    }

    /** @return the REST bearer token, or null */
    public String httpToken() {
        return httpToken;
    }

    /**
     * @param threads event loops (default {@link #DEFAULT_THREADS}: the number of cores)
     * @return this
     */
    public ExampleServerConfig threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** @return event loops */
    public int threads() {
        return threads;
    }

    /**
     * @param policy the keep-alive interval announced in {@code welcome} and the misses that close,
     *               replacing the held policy (default: a new {@link KeepAlivePolicy}, 30 s and 3)
     * @return this
     */
    public ExampleServerConfig keepAlive(KeepAlivePolicy policy) {
        this.keepAlive = policy;
        return this;
    }

    /**
     * @param settings configures the held keep-alive policy in place
     * @return this
     */
    public ExampleServerConfig keepAlive(Consumer<KeepAlivePolicy> settings) {
        settings.accept(keepAlive);
        return this;
    }

    /** @return the held keep-alive policy, to read or configure in place */
    public KeepAlivePolicy keepAlive() {
        return keepAlive;
    }

    /**
     * @param bytes the largest accepted payload, in bytes (default {@link #DEFAULT_MAX_FRAME_LENGTH}: 16 MiB)
     * @return this
     */
    public ExampleServerConfig maxFrameLength(long bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /** @return the largest accepted payload, in bytes */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * @param max the most sessions at once, or {@link #NO_SESSION_CAP} (the default) for none
     * @return this
     */
    public ExampleServerConfig maxSessions(int max) {
        this.maxSessions = max;
        return this;
    }

    /** @return the most sessions at once, {@link #NO_SESSION_CAP} for none */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * @param sequential true to run the application as sequential code, one thread per session
     *                   ({@link SequentialExampleSessionHandler}, {@code --sequential}); same wire behaviour.
     *                   Default {@link #DEFAULT_SEQUENTIAL}
     * @return this
     */
    public ExampleServerConfig sequential(boolean sequential) {
        this.sequential = sequential;
        return this;
    }

    /** @return whether the application runs as sequential code */
    public boolean sequential() {
        return sequential;
    }

    /**
     * @param threads where sequential sessions' threads come from; null (the default) for virtual threads,
     *                which need Java 21+ (no command-line option: embedding code and tests on older Java
     *                pass platform threads here)
     * @return this
     */
    public ExampleServerConfig sessionThreads(ThreadFactory threads) {
        this.sessionThreads = threads;
        return this;
    }

    /** @return the factory of sequential sessions' threads, or null for virtual threads */
    public ThreadFactory sessionThreads() {
        return sessionThreads;
    }

    /**
     * @param interval how often the server pings each client to measure its round trip
     *                 ({@code --ping-interval}), positive, or null ({@link #DEFAULT_PING_INTERVAL}) for never
     * @return this
     */
    public ExampleServerConfig pingInterval(Duration interval) {
        this.pingInterval = interval;
        return this;
    }

    /** @return how often the server pings each client, or null for never */
    public Duration pingInterval() {
        return pingInterval;
    }

    /**
     * @param secret the secret of {@link HmacHelloAuthenticator}: with one, a hello claiming an id must carry
     *               its token, else it is answered {@code unauthorized} and closed ({@code POLLEN_HELLO_SECRET});
     *               null ({@link #DEFAULT_HELLO_SECRET}) for no check
     * @return this
     */
    public ExampleServerConfig helloSecret(String secret) {
        this.helloSecret = secret;
        return this;
    }

    /** @return the hello secret, or null */
    public String helloSecret() {
        return helloSecret;
    }

    /**
     * @param timeout how long a stop lets the sessions' queued frames drain before closing them anyway, zero
     *                or more ({@value #DRAIN_TIMEOUT_PROPERTY}; default {@link #DEFAULT_DRAIN_TIMEOUT}: 5 s)
     * @return this
     */
    public ExampleServerConfig drainTimeout(Duration timeout) {
        this.drainTimeout = timeout;
        return this;
    }

    /** @return how long a stop lets queued frames drain */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /**
     * @param uri the Redis to join as a cluster node ({@code --redis}): {@code redis://[user:password@]host:port}
     *            or {@code rediss://...} for TLS; null (default {@link #DEFAULT_REDIS_URI}) for none
     * @return this
     */
    public ExampleServerConfig redisUri(String uri) {
        this.redisUri = uri;
        return this;
    }

    /** @return the Redis to join, or null */
    public String redisUri() {
        return redisUri;
    }

    /**
     * @param name this node's name in the cluster ({@code --node}); null (default {@link #DEFAULT_NODE_NAME})
     *             for the host name and pid
     * @return this
     */
    public ExampleServerConfig nodeName(String name) {
        this.nodeName = name;
        return this;
    }

    /** @return this node's name, or null for the default */
    public String nodeName() {
        return nodeName;
    }

    /** @return this node's name as it is used: the one given, else the host name and pid */
    public String resolvedNodeName() {
        return nodeName != null ? nodeName : InProcessSessionCluster.defaultNodeName();
    }

    /**
     * @param workers {@code --workers}: 1 (default {@link #DEFAULT_WORKERS}) serves sessions in this process;
     *                more makes this process a supervisor of that many worker processes sharing the port,
     *                which needs {@link #redisUri(String)}; at most {@link #MAX_WORKERS}
     * @return this
     */
    public ExampleServerConfig workers(int workers) {
        this.workers = workers;
        return this;
    }

    /** @return how many worker processes serve the sessions (1: this one) */
    public int workers() {
        return workers;
    }

    /**
     * @param reusePort whether the session port is opened with {@code SO_REUSEPORT}, so that the workers of
     *                  one supervisor share it (default {@link #DEFAULT_REUSE_PORT}); set on workers
     * @return this
     */
    public ExampleServerConfig reusePort(boolean reusePort) {
        this.reusePort = reusePort;
        return this;
    }

    /** @return whether the session port is shared through {@code SO_REUSEPORT} */
    public boolean reusePort() {
        return reusePort;
    }

    /**
     * Checks every setting, by concluding the session server settings and (unless the gateway is off)
     * the REST gateway settings these translate into.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad setting
     * @throws io.pollen.session.VirtualThreadsUnavailableException if {@link #sequential} without
     *                                  {@link #sessionThreads} before Java 21
     * @throws NullPointerException     naming a required setting that is null
     */
    public ExampleServerConfig conclude() {
        Objects.requireNonNull(backend, "backend");
        if (maxSessions < 0) {
            throw new IllegalArgumentException("max sessions must not be negative, got " + maxSessions);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
        }
        if (workers > 1 && redisUri == null) {
            throw new IllegalArgumentException("--workers " + workers + " needs --redis: the workers find each other's "
                    + "sessions, and the supervisor's REST gateway finds them all, through Redis");
        }
        if (nodeName != null && (nodeName.isBlank() || !nodeName.matches("[A-Za-z0-9._-]{1,64}"))) {
            throw new IllegalArgumentException("--node must be 1 to 64 letters, digits, '.', '_' or '-', got '" + nodeName + "'");
        }
        sessionServer().conclude();
        if (httpAddress != null) {
            restGateway().conclude();
        }
        return this;
    }

    /** @return the session server these settings describe, with the example's handler */
    SessionServerBuilder sessionServer() {
        // --max-frame is the contract's one size option, and a message of that size sent from memory (a
        // REST message; an echo under the large-message threshold) must fit: the per-session write cap
        // follows it, so that one frame of the largest size always fits. A large echo needs no room
        // there: it is streamed from its temporary file (StreamedMessageListener).
        long writeCap = Math.max(SessionServerBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES,
                NetstringEncoder.frameLength(Math.max(0, maxFrameLength)));
        SessionServerBuilder builder = SessionServer.builder()
                .address(address)
                .keepAlive(keepAlive == null ? null : keepAlive.copy())
                .maxFrameLength(maxFrameLength)
                .pingInterval(pingInterval)
                .helloAuthenticator(helloSecret == null ? HelloAuthenticator.PERMIT_ALL : new HmacHelloAuthenticator(helloSecret))
                .reactor(r -> r.backend(backend).threads(threads).maxConnections(maxSessions)
                        .maxPendingWriteBytes(writeCap).shutdownDrainTimeout(drainTimeout))
                .listenOptions(new ListenOptions().reusePort(reusePort));
        return sequential
                ? builder.sequential(new SequentialExampleSessionHandler()).sessionThreads(sessionThreads)
                : builder.handler(new ExampleSessionHandler());
    }

    /** @return the REST gateway these settings describe (a supervisor's, or a server's own) */
    public RestGatewayConfig restGateway() {
        return new RestGatewayConfig().bindAddress(httpAddress).bearerToken(httpToken);
    }

    @Override
    public String toString() {
        // Never print the token itself: configurations end up in logs.
        return "ExampleServerConfig{backend=" + backend + ", address=" + address + ", httpAddress=" + httpAddress
                + ", httpToken=" + (httpToken == null ? "none" : "set") + ", threads=" + threads
                + ", keepAlive=" + keepAlive + ", maxFrameLength=" + maxFrameLength + ", maxSessions=" + maxSessions
                + ", sequential=" + sequential + ", pingInterval=" + pingInterval
                + ", helloSecret=" + (helloSecret == null ? "none" : "set") + ", drainTimeout=" + drainTimeout
                + ", redis=" + (redisUri == null ? "none" : "set") + ", node=" + nodeName + ", workers=" + workers
                + ", reusePort=" + reusePort + '}';
    }
}
