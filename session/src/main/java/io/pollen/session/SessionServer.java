package io.pollen.session;

import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.session.cluster.SessionCluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A server of NetString/JSON sessions: the reactor, the codec and the session layer in one object.
 *
 * <pre>{@code
 * try (SessionServer server = SessionServer.builder()
 *         .address(new InetSocketAddress("127.0.0.1", 7000))
 *         .handler((session, message) -> session.send(message.payload()))   // echo
 *         .build();
 *      RestGateway rest = RestGateway.start(server, new InetSocketAddress("127.0.0.1", 8080))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The session layer answers {@code hello} (claiming an id, replacing an older session with the
 * same id), {@code ping} and empty keep-alive frames, tracks each session's health, and passes every
 * other message to the {@link SessionHandler}.
 *
 * <p>Its sessions are published in its {@link #cluster() cluster}, which it joins before it listens and
 * leaves when it shuts down.
 *
 * <p>Safe from any thread; {@link #close()} must not be called from a handler running on a loop.
 */
public final class SessionServer implements AutoCloseable {
    private final Reactor reactor;
    private final Listener listener;
    private final SessionPipeline pipeline;
    private final KeepAlivePolicy keepAlive;
    private final long maxFrameLength;

    private SessionServer(Reactor reactor, Listener listener, SessionPipeline pipeline, SessionServerBuilder settings) {
        this.reactor = reactor;
        this.listener = listener;
        this.pipeline = pipeline;
        this.keepAlive = settings.keepAlive().copy();
        this.maxFrameLength = settings.maxFrameLength();
    }

    /** @return a builder with the defaults of {@link SessionServerBuilder} */
    public static SessionServerBuilder builder() {
        return new SessionServerBuilder();
    }

    /** Starts the reactor the settings describe and listens; the settings are concluded. */
    static SessionServer start(SessionServerBuilder settings) throws IOException {
        SessionCluster cluster = settings.resolvedCluster();
        SessionPipeline pipeline = new SessionPipeline(settings, cluster);
        Reactor reactor;
        try {
            // Joined before the first connection, so a node name already alive refuses the start.
            cluster.join(pipeline.registry());
            reactor = settings.reactor().build();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        pipeline.serverMetrics().attach(reactor.metrics());
        try {
            Listener listener = reactor.listen(settings.address(), pipeline::newConnectionHandler, settings.listenOptions());
            return new SessionServer(reactor, listener, pipeline, settings);
        } catch (IOException | RuntimeException e) {
            reactor.shutdown(Duration.ZERO);
            cluster.close();
            throw e;
        }
    }

    /** @return the bound address (with the real port if 0 was asked for) */
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    /** @return the backend in use */
    public String backend() {
        return reactor.backend();
    }

    /** @return the open sessions */
    public SessionRegistry registry() {
        return pipeline.registry();
    }

    /**
     * @return the cluster this server is a node of: the sessions of every node, reached through
     * futures (the {@link io.pollen.session.cluster.InProcessSessionCluster} unless the builder was given one)
     */
    public SessionCluster cluster() {
        return pipeline.cluster();
    }

    /** @return the counters */
    public SessionMetrics metrics() {
        return pipeline.metrics();
    }

    /** @return a copy of the keep-alive policy in force */
    public KeepAlivePolicy keepAlive() {
        return keepAlive.copy();
    }

    /** @return the largest frame payload accepted and sent */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /** @return the underlying reactor, for timers and advanced use */
    public Reactor reactor() {
        return reactor;
    }

    /**
     * Stops accepting, lets sessions send what they have queued until the deadline, closes them all.
     *
     * @param drainDeadline how long queued frames may take
     * @return true if everything drained in time
     */
    public boolean shutdown(Duration drainDeadline) {
        try {
            return reactor.shutdown(drainDeadline);
        } finally {
            // Left after the sessions are gone, so other nodes stop routing to them only then.
            pipeline.cluster().close();
        }
    }

    /**
     * Shuts down with the reactor's {@link io.pollen.reactor.ReactorBuilder#shutdownDrainTimeout() drain timeout},
     * then leaves the cluster.
     */
    @Override
    public void close() {
        try {
            reactor.close();
        } finally {
            pipeline.cluster().close();
        }
    }
}
