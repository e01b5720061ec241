package io.pollen.examples.server;

import io.pollen.examples.cli.DurationConverter;
import io.pollen.session.KeepAlivePolicy;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionServerBuilder;
import io.pollen.session.rest.RestGateway;
import io.pollen.session.rest.RestGatewayConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The example server running: a {@link SessionServer} with the {@link ExampleSessionHandler}, and the
 * REST gateway unless it is switched off.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>{@link #start} either returns a server that listens on both addresses or releases everything
 *       it opened and throws.</li>
 *   <li>{@link #close()} stops the gateway first, so that no REST call reaches a closing server, then
 *       lets sessions drain their queued frames (up to the server's drain timeout) and closes them.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Safe from any thread; {@link #close()} is idempotent and must not run on one of the server's loops.
 */
public final class ExampleServer implements AutoCloseable {
    private final SessionServer sessions;
    private final RestGateway rest;
    private final int maxSessions;
    private final Duration drainTimeout;
    private final boolean clustered;

    private ExampleServer(SessionServer sessions, RestGateway rest, ExampleServerConfig config) {
        this.clustered = config.redisUri() != null;
        this.sessions = sessions;
        this.rest = rest;
        this.maxSessions = config.maxSessions();
        this.drainTimeout = config.drainTimeout();
    }

    /**
     * @param config the settings, concluded first ({@link ExampleServerConfig#conclude()}) and read once
     * @return the running server
     * @throws IOException              if an address cannot be bound
     * @throws IllegalArgumentException naming a setting the session layer or the gateway refuses
     */
    public static ExampleServer start(ExampleServerConfig config) throws IOException {
        config.conclude();
        InetSocketAddress httpAddress = config.httpAddress();
        RestGatewayConfig restConfig = httpAddress == null ? null : config.restGateway();
        // Refusals say why: without this a select server past FD_SETSIZE closes clients silently.
        SessionServerBuilder builder = config.sessionServer()
                .reactor(reactor -> reactor.overloadListener(RefusalLog.toStandardError()));
        if (config.redisUri() != null) {
            // The server joins it before it listens, and owns it from then on.
            builder.cluster(ClusterConnection.connect(config, config.resolvedNodeName()));
        }
        SessionServer sessions = builder.build();
        if (restConfig == null) {
            return new ExampleServer(sessions, null, config);
        }
        try {
            RestGateway rest = RestGateway.start(sessions, restConfig);
            return new ExampleServer(sessions, rest, config);
        } catch (IOException e) {
            sessions.shutdown(Duration.ZERO);
            // The JDK's HTTP server does not say which address it failed to bind.
            throw new IOException("cannot start the REST gateway on " + httpAddress + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            sessions.shutdown(Duration.ZERO);
            throw e;
        }
    }

    /** @return the session server, for its registry, metrics and address */
    public SessionServer sessions() {
        return sessions;
    }

    /** @return where sessions connect, with the real port */
    public InetSocketAddress address() {
        return sessions.localAddress();
    }

    /** @return where the REST gateway listens, with the real port, or null if it is off */
    public InetSocketAddress httpAddress() {
        return rest == null ? null : rest.localAddress();
    }

    /**
     * @return the one line the {@code server} command prints once it listens: backend, both addresses
     *         and the limits in force
     */
    public String listeningLine() {
        InetSocketAddress http = httpAddress();
        KeepAlivePolicy keepAlive = sessions.keepAlive();
        return "pollen server listening on " + hostPort(address())
                + " backend=" + sessions.backend()
                + " http=" + (http == null ? "off" : "http://" + hostPort(http))
                + " threads=" + sessions.reactor().loopCount()
                + " keepalive=" + DurationConverter.format(keepAlive.interval())
                + "x" + keepAlive.misses()
                + " max-frame=" + sessions.maxFrameLength()
                + " max-sessions=" + (maxSessions == ExampleServerConfig.NO_SESSION_CAP ? "none" : maxSessions)
                + (clustered ? " node=" + sessions.cluster().nodeName() : "");
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Stops the gateway, drains the sessions' queued frames for up to the configured
     * {@link ExampleServerConfig#drainTimeout() drain timeout}, closes them and releases every descriptor.
     * Idempotent: a second call returns the first one's answer.
     *
     * @return true if everything drained in time, false if the deadline cut a drain short or a loop had failed
     */
    public boolean shutdown() {
        if (rest != null) {
            rest.close();
        }
        return sessions.shutdown(drainTimeout);
    }

    /** {@link #shutdown()}, for try-with-resources, where how the drain went does not matter. */
    @Override
    public void close() {
        shutdown();
    }
}
