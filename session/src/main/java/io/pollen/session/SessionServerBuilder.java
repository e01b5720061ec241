package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonLimits;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.reactor.ListenOptions;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.ReactorBuilder;
import io.pollen.session.cluster.InProcessSessionCluster;
import io.pollen.session.cluster.SessionCluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Settings of a {@link SessionServer}, and its terminal verbs: {@link #build()} starts the server,
 * {@link #buildPipeline()} makes its per-connection stack without sockets.
 *
 * <p>The session layer's own settings are here; the reactor's (backend, event loops, the per-session
 * write cap and water marks, the connection cap, the overload listener, the clock, the drain timeout,
 * ...) are those of the {@link ReactorBuilder} this builder holds, reached through
 * {@link #reactor(Consumer)} or {@link #reactor()}, so none is copied under another name:
 *
 * <pre>{@code
 * SessionServer server = SessionServer.builder()
 *         .address(new InetSocketAddress("127.0.0.1", 7000))
 *         .keepAlive(k -> k.interval(Duration.ofSeconds(30)).misses(3))
 *         .reactor(r -> r.backend("epoll").threads(4).maxConnections(50_000))
 *         .handler((session, message) -> session.send(message.payload()))
 *         .build();
 * }</pre>
 *
 * <p>Pollen's configuration convention: a same-name fluent setter and getter per setting; each
 * default a constant beside its setter; a nested settings object (the reactor, the keep-alive
 * policy, the JSON limits) has a getter returning it, a setter replacing it and a
 * {@code Consumer} overload configuring it in place; setters only store, and {@link #conclude()}
 * checks everything, the nested objects included, and every pair of settings that meets.
 *
 * <h2>Where two settings meet</h2>
 * A session sends each message as one frame into its connection's write queue, so a frame of
 * {@link #maxFrameLength()} must fit under the reactor's {@link ReactorBuilder#maxPendingWriteBytes()};
 * otherwise a message the server accepts as legal could never be sent back (it would be refused as
 * {@link SendResult#REJECTED_FULL} however empty the queue). That is why this builder's reactor starts
 * with {@link #DEFAULT_MAX_PENDING_WRITE_BYTES}, one default-sized frame, rather than the reactor's
 * own default, and why {@link #conclude()} refuses a frame limit that outgrows the cap, naming both.
 * A frame sent with {@link Session#sendFile} is streamed from its file and needs no room under the
 * cap; the check is for the frames sent from memory.
 *
 * <h2>Threading</h2>
 * Not thread-safe: configure and build on one thread. {@link #build()} reads the settings once (the
 * keep-alive policy and JSON limits are copied); later changes do not affect the running server.
 */
public final class SessionServerBuilder {
    /** Default for {@link #address(InetSocketAddress)}: loopback, port 7000. */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 7000);
    /** Default for {@link #pingInterval(Duration)}: null, the server never pings. */
    public static final Duration DEFAULT_PING_INTERVAL = null;
    /** Default for {@link #maxFrameLength(long)}: 16 MiB, the codec's default and the example server's {@code --max-frame}. */
    public static final long DEFAULT_MAX_FRAME_LENGTH = CodecConfig.DEFAULT_MAX_FRAME_LENGTH;
    /** Default for {@link #largeMessageThreshold(int)}: 64 KiB, the codec's default. */
    public static final int DEFAULT_LARGE_MESSAGE_THRESHOLD = CodecConfig.DEFAULT_LARGE_MESSAGE_THRESHOLD;
    /**
     * The reactor's {@link ReactorBuilder#maxPendingWriteBytes(long)} in a new builder: one frame of
     * {@link #DEFAULT_MAX_FRAME_LENGTH} (16 MiB and its 10 bytes of framing), the least that lets a
     * session send a message of the default largest size.
     */
    public static final long DEFAULT_MAX_PENDING_WRITE_BYTES = NetstringEncoder.frameLength(DEFAULT_MAX_FRAME_LENGTH);
    /** Default for {@link #executor(Executor)}: null, callbacks run on the loop threads. */
    public static final Executor DEFAULT_EXECUTOR = null;
    /** Default for {@link #sequential(SequentialSessionHandler)}: null, the application is a {@link #handler(SessionHandler)}. */
    public static final SequentialSessionHandler DEFAULT_SEQUENTIAL = null;
    /** Default for {@link #sessionThreads(ThreadFactory)}: null, one virtual thread per sequential session (Java 21+). */
    public static final ThreadFactory DEFAULT_SESSION_THREADS = null;
    /** Default for {@link #inboxCapacity(int)}: 64 messages per sequential session before its reads pause. */
    public static final int DEFAULT_INBOX_CAPACITY = 64;
    /** Default for {@link #helloAuthenticator(HelloAuthenticator)}: {@link HelloAuthenticator#PERMIT_ALL}. */
    public static final HelloAuthenticator DEFAULT_HELLO_AUTHENTICATOR = HelloAuthenticator.PERMIT_ALL;
    /** Default for {@link #cluster(SessionCluster)}: null, a new {@link InProcessSessionCluster} for each server. */
    public static final SessionCluster DEFAULT_CLUSTER = null;

    private InetSocketAddress address = DEFAULT_ADDRESS;
    private KeepAlivePolicy keepAlive = new KeepAlivePolicy();
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private long maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int largeMessageThreshold = DEFAULT_LARGE_MESSAGE_THRESHOLD;
    private JsonLimits jsonLimits = new JsonLimits();
    private SessionHandler handler;
    private Executor executor = DEFAULT_EXECUTOR;
    private SequentialSessionHandler sequential = DEFAULT_SEQUENTIAL;
    private ThreadFactory sessionThreads = DEFAULT_SESSION_THREADS;
    private int inboxCapacity = DEFAULT_INBOX_CAPACITY;
    private HelloAuthenticator helloAuthenticator = DEFAULT_HELLO_AUTHENTICATOR;
    private SessionCluster cluster = DEFAULT_CLUSTER;
    private ListenOptions listenOptions = new ListenOptions();
    private ReactorBuilder reactor = newReactorBuilder();

    SessionServerBuilder() {
    }

    /** The reactor's defaults, except a write cap that holds one frame of the default largest size. */
    private static ReactorBuilder newReactorBuilder() {
        return Reactor.builder().maxPendingWriteBytes(DEFAULT_MAX_PENDING_WRITE_BYTES);
    }

    /**
     * @param address where to listen (port 0: any free port); default {@link #DEFAULT_ADDRESS}
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
     * @param policy the keep-alive interval and misses, replacing the held policy (default: a new
     *               {@link KeepAlivePolicy}, 30 s and 3)
     * @return this
     */
    public SessionServerBuilder keepAlive(KeepAlivePolicy policy) {
        this.keepAlive = policy;
        return this;
    }

    /**
     * @param settings configures the held keep-alive policy in place
     * @return this
     */
    public SessionServerBuilder keepAlive(Consumer<KeepAlivePolicy> settings) {
        settings.accept(keepAlive);
        return this;
    }

    /** @return the held keep-alive policy, to read or configure in place */
    public KeepAlivePolicy keepAlive() {
        return keepAlive;
    }

    /**
     * @param interval how often the server pings each session to measure round-trip time, positive;
     *                 null (the default) for never
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
     * @param bytes the largest frame payload accepted and sent, at least 1; its frame must fit under the
     *              reactor's write cap (default {@link #DEFAULT_MAX_FRAME_LENGTH}: 16 MiB)
     * @return this
     */
    public SessionServerBuilder maxFrameLength(long bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /** @return the largest frame payload accepted and sent */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * @param bytes payloads above this are streamed as tokens instead of parsed whole (default
     *              {@link #DEFAULT_LARGE_MESSAGE_THRESHOLD}: 64 KiB)
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
     * @param limits JSON limits (depth, string, number, document length), replacing the held ones
     *               (default: a new {@link JsonLimits})
     * @return this
     */
    public SessionServerBuilder jsonLimits(JsonLimits limits) {
        this.jsonLimits = limits;
        return this;
    }

    /**
     * @param settings configures the held JSON limits in place
     * @return this
     */
    public SessionServerBuilder jsonLimits(Consumer<JsonLimits> settings) {
        settings.accept(jsonLimits);
        return this;
    }

    /** @return the held JSON limits, to read or configure in place */
    public JsonLimits jsonLimits() {
        return jsonLimits;
    }

    /**
     * @param handler the application's callbacks (required unless the application is {@link #sequential}; no default)
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
     *                 virtual threads on Java 21+; null (the default) runs them on the loop threads
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
     * @param handler the application as straight-line code, one call per session on a thread of its own
     *                ({@link SequentialSessionHandler}); instead of {@link #handler(SessionHandler)}, not with it,
     *                and without an {@link #executor(Executor)}. Default {@link #DEFAULT_SEQUENTIAL}: none
     * @return this
     */
    public SessionServerBuilder sequential(SequentialSessionHandler handler) {
        this.sequential = handler;
        return this;
    }

    /** @return the sequential application, or null if the application is a {@link #handler()} */
    public SequentialSessionHandler sequential() {
        return sequential;
    }

    /**
     * @param threads makes the thread of each sequential session; null (the default) for a virtual thread
     *                each, which needs Java 21+. On Java 17 to 20 a sequential server needs one: a factory
     *                of platform threads works the same way, but each thread reserves a full stack (about
     *                1 MiB of address space by default, {@code -Xss}) and a kernel thread, so budget one per
     *                connected client against memory and {@code ulimit -u}
     * @return this
     */
    public SessionServerBuilder sessionThreads(ThreadFactory threads) {
        this.sessionThreads = threads;
        return this;
    }

    /** @return the factory of sequential sessions' threads, or null for virtual threads */
    public ThreadFactory sessionThreads() {
        return sessionThreads;
    }

    /**
     * @param messages how many decoded messages a sequential session may hold for its thread before its
     *                 connection's reads pause, at least 1 (default {@link #DEFAULT_INBOX_CAPACITY}); reads
     *                 resume when the session has taken it down to half. See {@link SequentialSession} for
     *                 the exact bound
     * @return this
     */
    public SessionServerBuilder inboxCapacity(int messages) {
        this.inboxCapacity = messages;
        return this;
    }

    /** @return a sequential session's inbox capacity, in messages */
    public int inboxCapacity() {
        return inboxCapacity;
    }

    /**
     * @param authenticator decides, on the loop thread, whether each {@code hello} goes on or is answered
     *                      {@code unauthorized} and closed; required (default
     *                      {@link #DEFAULT_HELLO_AUTHENTICATOR}: every hello goes on). Whatever it permits, an
     *                      id the server assigns to connections is never given to a client
     * @return this
     */
    public SessionServerBuilder helloAuthenticator(HelloAuthenticator authenticator) {
        this.helloAuthenticator = authenticator;
        return this;
    }

    /** @return what decides whether a {@code hello} goes on */
    public HelloAuthenticator helloAuthenticator() {
        return helloAuthenticator;
    }

    /**
     * @param cluster where this server's sessions are published and through which its REST gateway reaches
     *                sessions of other nodes (default {@link #DEFAULT_CLUSTER}: this process only). The server
     *                joins it before it listens and closes it when it shuts down: it owns it, and one cluster
     *                object serves one server
     * @return this
     */
    public SessionServerBuilder cluster(SessionCluster cluster) {
        this.cluster = cluster;
        return this;
    }

    /** @return the cluster to join, or null for a new in-process one */
    public SessionCluster cluster() {
        return cluster;
    }

    /**
     * @param options how the listening socket is opened, e.g. {@code new ListenOptions().reusePort(true)} so
     *                that several processes share one port (default: a new {@link ListenOptions}); copied
     *                at {@link #build()}
     * @return this
     */
    public SessionServerBuilder listenOptions(ListenOptions options) {
        this.listenOptions = options;
        return this;
    }

    /** @return how the listening socket is opened */
    public ListenOptions listenOptions() {
        return listenOptions;
    }

    /** @return the factory sequential sessions' threads come from: the given one, else virtual threads */
    ThreadFactory resolvedSessionThreads() {
        return sessionThreads != null ? sessionThreads : VirtualThreads.factory();
    }

    /**
     * @param reactor the reactor settings to start the server's reactor with, replacing the held ones
     *                (default: {@link Reactor#builder()} with its write cap raised to
     *                {@link #DEFAULT_MAX_PENDING_WRITE_BYTES}); kept, not copied, until {@link #build()}
     * @return this
     */
    public SessionServerBuilder reactor(ReactorBuilder reactor) {
        this.reactor = reactor;
        return this;
    }

    /**
     * @param settings configures the held reactor settings in place, e.g.
     *                 {@code r -> r.backend("epoll").threads(4)}
     * @return this
     */
    public SessionServerBuilder reactor(Consumer<ReactorBuilder> settings) {
        settings.accept(reactor);
        return this;
    }

    /** @return the held reactor settings, to read or configure in place */
    public ReactorBuilder reactor() {
        return reactor;
    }

    /**
     * Checks every setting: this builder's, those of the reactor, keep-alive policy and JSON limits it
     * holds, and where two meet, the frame limit against the reactor's write cap. {@link #build()} and
     * {@link #buildPipeline()} call it first.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad setting (both, for a pair)
     * @throws VirtualThreadsUnavailableException for a {@link #sequential} application without
     *                                  {@link #sessionThreads} before Java 21
     * @throws NullPointerException     naming a required setting that is null
     */
    public SessionServerBuilder conclude() {
        if (handler == null && sequential == null) {
            throw new NullPointerException("handler: a SessionHandler, or a SequentialSessionHandler through sequential(...), is required");
        }
        concludeSequential();
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(helloAuthenticator, "helloAuthenticator: use HelloAuthenticator.PERMIT_ALL to let every hello through");
        Objects.requireNonNull(listenOptions, "listenOptions");
        Objects.requireNonNull(keepAlive, "keepAlive").conclude();
        Objects.requireNonNull(jsonLimits, "jsonLimits").conclude();
        Objects.requireNonNull(reactor, "reactor").conclude();
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be at least 1 byte: " + maxFrameLength);
        }
        codecConfig(); // the codec checks the frame limit's upper bound and the large-message threshold
        if (pingInterval != null && (pingInterval.isZero() || pingInterval.isNegative())) {
            throw new IllegalArgumentException("pingInterval must be positive: " + pingInterval);
        }
        long largestFrame = NetstringEncoder.frameLength(maxFrameLength);
        if (largestFrame > reactor.maxPendingWriteBytes()) {
            throw new IllegalArgumentException("maxFrameLength (" + maxFrameLength + " B, " + largestFrame
                    + " B framed) does not fit under the reactor's maxPendingWriteBytes (" + reactor.maxPendingWriteBytes()
                    + " B), so a message of the largest accepted size could never be sent: raise it with "
                    + "reactor(r -> r.maxPendingWriteBytes(" + largestFrame + ")) or lower maxFrameLength");
        }
        return this;
    }

    /** The sequential application's settings, and how they meet the callback ones. */
    private void concludeSequential() {
        if (sequential == null) {
            return;
        }
        if (handler != null) {
            throw new IllegalArgumentException("handler and sequential are two ways to write the application: set one, not both");
        }
        if (executor != null) {
            throw new IllegalArgumentException("executor runs SessionHandler callbacks; a sequential application runs on "
                    + "sessionThreads(ThreadFactory) instead: leave executor null");
        }
        if (inboxCapacity < 1) {
            throw new IllegalArgumentException("inboxCapacity must be at least 1 message: " + inboxCapacity);
        }
        resolvedSessionThreads(); // before Java 21 without a factory: VirtualThreadsUnavailableException
    }

    /** @return the codec settings these settings imply, concluded */
    CodecConfig codecConfig() {
        return new CodecConfig()
                .maxFrameLength(maxFrameLength)
                .largeMessageThreshold(largeMessageThreshold)
                .jsonLimits(jsonLimits.copy())
                .conclude();
    }

    /**
     * Concludes the settings ({@link #conclude()}) and builds the per-connection stack without a
     * reactor, for running connections in memory (unit tests with {@code EmbeddedConnection}).
     *
     * @return the pipeline
     * @throws IllegalArgumentException naming the first bad setting
     */
    public SessionPipeline buildPipeline() {
        conclude();
        return new SessionPipeline(this, resolvedCluster());
    }

    /** @return the given cluster, or a new in-process one */
    SessionCluster resolvedCluster() {
        return cluster != null ? cluster : new InProcessSessionCluster();
    }

    /**
     * Concludes the settings ({@link #conclude()}), starts the reactor and listens.
     *
     * @return the running server
     * @throws IOException              if listening fails
     * @throws IllegalArgumentException naming the first bad setting
     */
    public SessionServer build() throws IOException {
        conclude();
        return SessionServer.start(this);
    }
}
