package io.pollen.examples.server;

import io.pollen.examples.cli.DurationConverter;
import io.pollen.session.SessionServer;
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
    private final ExampleServerConfig config;

    private ExampleServer(SessionServer sessions, RestGateway rest, ExampleServerConfig config) {
        this.sessions = sessions;
        this.rest = rest;
        this.config = config;
    }

    /**
     * @param config the settings
     * @return the running server
     * @throws IOException              if an address cannot be bound
     * @throws IllegalArgumentException naming a setting the session layer or the gateway refuses
     */
    public static ExampleServer start(ExampleServerConfig config) throws IOException {
        SessionServer sessions = SessionServer.builder()
                .backend(config.backend())
                .address(config.address())
                .threads(config.threads())
                .keepAlive(config.keepAlive())
                .maxFrameLength(config.maxFrameLength())
                .maxSessions(config.maxSessions())
                .handler(new ExampleSessionHandler())
                .start();
        if (config.httpAddress() == null) {
            return new ExampleServer(sessions, null, config);
        }
        try {
            RestGateway rest = RestGateway.start(sessions, new RestGatewayConfig()
                    .bindAddress(config.httpAddress())
                    .bearerToken(config.httpToken()));
            return new ExampleServer(sessions, rest, config);
        } catch (IOException e) {
            sessions.shutdown(Duration.ZERO);
            // The JDK's HTTP server does not say which address it failed to bind.
            throw new IOException("cannot start the REST gateway on " + config.httpAddress() + ": " + e.getMessage(), e);
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
        return "pollen server listening on " + hostPort(address())
                + " backend=" + sessions.backend()
                + " http=" + (http == null ? "off" : "http://" + hostPort(http))
                + " threads=" + config.threads()
                + " keepalive=" + DurationConverter.format(config.keepAlive().interval())
                + "x" + config.keepAlive().misses()
                + " max-frame=" + config.maxFrameLength()
                + " max-sessions=" + (config.maxSessions() == 0 ? "none" : config.maxSessions());
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Stops the gateway, drains and closes the sessions, releases every descriptor. Idempotent. */
    @Override
    public void close() {
        if (rest != null) {
            rest.close();
        }
        sessions.close();
    }
}
