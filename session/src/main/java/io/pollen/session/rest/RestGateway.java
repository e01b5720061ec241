package io.pollen.session.rest;

import com.sun.net.httpserver.HttpServer;
import io.pollen.session.SessionServer;
import io.pollen.session.cluster.SessionCluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST gateway of a {@link SessionServer}: list, inspect, message, broadcast to and close its
 * sessions, check its health and scrape its metrics over HTTP/1.1 and JSON. The endpoints are listed
 * in the {@linkplain io.pollen.session.rest package documentation}.
 *
 * <pre>{@code
 * try (SessionServer server = SessionServer.builder().handler(handler).build();
 *      RestGateway rest = RestGateway.start(server, new InetSocketAddress("127.0.0.1", 8080))) {
 *     ...
 * }
 * }</pre>
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>A posted message is sent to the client verbatim, as one frame, only if it is exactly one valid
 *       UTF-8 JSON value no longer than the server's {@link SessionServer#maxFrameLength() frame limit};
 *       202 means it is queued for the client. A longer body is refused with 413 before it is read
 *       (declared length) or as soon as it passes the limit (chunked).</li>
 *   <li>No body is held whole: it is validated as it arrives, kept in memory up to
 *       {@link RestGatewayConfig#spoolThreshold(int)}, and beyond it written to a delete-on-close spool
 *       file that is streamed to the client and closed (so deleted) once sent, or at once when the
 *       message is refused; invalid JSON delivers nothing. The live spool files hold at most
 *       {@link RestGatewayConfig#maxSpoolBytes(long)} together (503 {@code spool_full} beyond).
 *       Broadcast bodies are sent from memory: over the threshold they are 413.</li>
 *   <li>A body that pauses longer than {@link RestGatewayConfig#bodyReadTimeout(java.time.Duration)}, or
 *       then arrives slower than {@link RestGatewayConfig#minBodyRate(long)}, has its connection closed
 *       without an answer, and its request thread is free again.</li>
 *   <li>Off loopback, every request must carry the bearer token of {@link RestGatewayConfig}; the gateway
 *       does not start without one.</li>
 *   <li>Requests are answered on the gateway's own few threads ({@link RestGatewayConfig#threads(int)}),
 *       never on the server's event loops.</li>
 *   <li>{@link #close()} stops answering at once and releases the port; the session server keeps
 *       running. Close the gateway before the server.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Safe from any thread. {@link #close()} is idempotent. Besides its request threads, a gateway runs one
 * daemon watchdog thread that cuts off body reads past their deadline.
 */
public final class RestGateway implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService executor;
    private final ReadWatchdog watchdog;
    private final InetSocketAddress localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RestGateway(HttpServer http, ExecutorService executor, ReadWatchdog watchdog) {
        this.http = http;
        this.executor = executor;
        this.watchdog = watchdog;
        this.localAddress = http.getAddress();
    }

    /**
     * Starts a gateway on {@code bindAddress} with the other settings at their defaults; a non-loopback
     * address needs {@link #start(SessionServer, RestGatewayConfig)} and a bearer token.
     *
     * @param server      the session server to expose
     * @param bindAddress where to listen (port 0: any free port)
     * @return the running gateway
     * @throws IOException              if the address cannot be bound
     * @throws IllegalArgumentException if {@code bindAddress} is not a loopback address
     */
    public static RestGateway start(SessionServer server, InetSocketAddress bindAddress) throws IOException {
        return start(server, new RestGatewayConfig().bindAddress(bindAddress));
    }

    /**
     * Starts a gateway with the given settings.
     *
     * @param server the session server to expose
     * @param config the settings, concluded ({@link RestGatewayConfig#conclude()}) and copied
     * @return the running gateway
     * @throws IOException              if the address cannot be bound
     * @throws IllegalArgumentException naming the first bad setting, e.g. a non-loopback address without a
     *                                  bearer token
     */
    public static RestGateway start(SessionServer server, RestGatewayConfig config) throws IOException {
        Objects.requireNonNull(server, "server");
        return start(GatewayTarget.of(server), config);
    }

    /**
     * Starts a gateway for a cluster that this process reaches but holds no session of (a supervisor of
     * worker processes): every call is routed to the node that holds the session, and {@code /metrics}
     * shows each live node's session count.
     *
     * @param cluster        the cluster, not joined by this process; the caller closes it after the gateway
     * @param backend        what {@code /health} names as the backend
     * @param maxFrameLength the longest message accepted: the nodes' frame limit
     * @param config         the settings, concluded and copied
     * @return the running gateway
     * @throws IOException              if the address cannot be bound
     * @throws IllegalArgumentException naming the first bad setting
     */
    public static RestGateway start(SessionCluster cluster, String backend, long maxFrameLength, RestGatewayConfig config)
            throws IOException {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(config, "config");
        return start(new GatewayTarget(cluster, Objects.requireNonNull(backend, "backend"), maxFrameLength, null,
                () -> PrometheusMetricsWriter.writeNodes(cluster.nodes()
                        .orTimeout(config.clusterTimeout().toNanos(), TimeUnit.NANOSECONDS).join())), config);
    }

    private static RestGateway start(GatewayTarget target, RestGatewayConfig config) throws IOException {
        Objects.requireNonNull(config, "config").conclude();
        Path spoolDirectory = config.spoolDirectory() != null ? config.spoolDirectory()
                : Path.of(System.getProperty("java.io.tmpdir"));
        RequestThreadFactory threads = new RequestThreadFactory();
        HttpServer http = HttpServer.create(config.bindAddress(), config.acceptBacklog());
        ReadWatchdog watchdog = new ReadWatchdog(config.bodyReadTimeout(), threads.watchdogName());
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), threads);
        try {
            RequestBodyReader bodies = new RequestBodyReader(new JsonBodyValidator(config.jsonLimits()),
                    new BodySpool(spoolDirectory, config.maxSpoolBytes()), watchdog, target.maxFrameLength(),
                    config.spoolThreshold(), config.bodyReadTimeout(), config.minBodyRate());
            RestRouter router = new RestRouter(
                    new BearerTokenAuthenticator(config.bearerToken()),
                    new SessionEndpoints(target, config.defaultPageLimit(), config.maxPageLimit(), config.clusterTimeout()),
                    bodies, watchdog, config.bodyReadTimeout());
            http.createContext("/", router);
            http.setExecutor(executor);
            http.start();
        } catch (RuntimeException e) {
            http.stop(0);
            executor.shutdownNow();
            watchdog.close();
            throw e;
        }
        return new RestGateway(http, executor, watchdog);
    }

    /** @return the bound address, with the real port if 0 was asked for */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Stops at once: requests in progress are cut off, the port is released. The session server is
     * not touched. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop(0);
            executor.shutdownNow();
            watchdog.close();
        }
    }

    @Override
    public String toString() {
        return "RestGateway{" + localAddress + (closed.get() ? ", closed}" : "}");
    }

    /** Names the request threads so that thread dumps say whose they are. */
    private static final class RequestThreadFactory implements ThreadFactory {
        private static final AtomicInteger GATEWAYS = new AtomicInteger();

        private final int gateway = GATEWAYS.getAndIncrement();
        private final AtomicInteger threads = new AtomicInteger();

        String watchdogName() {
            return "pollen-rest-" + gateway + "-body-watchdog";
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "pollen-rest-" + gateway + "-" + threads.getAndIncrement());
            // A gateway someone forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        }
    }
}
