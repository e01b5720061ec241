package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.reactor.MessageConnectionHandler;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.session.cluster.SessionCluster;

/**
 * The per-connection stack of a session server (NetString decoding, JSON parsing, the session
 * protocol) with its registry and counters, without a reactor: what {@link SessionServer} runs on
 * every accepted connection, and what a unit test runs on an in-memory connection.
 *
 * <pre>{@code
 * SessionPipeline pipeline = SessionServer.builder().handler(myHandler).buildPipeline();
 * EmbeddedConnection client = new EmbeddedConnection(pipeline.newConnectionHandler());
 * client.writeInbound("27:{\"type\":\"hello\",\"id\":\"c-1\"},");
 * client.advanceTime(Duration.ofSeconds(31));     // one silent keep-alive interval
 * assertThat(pipeline.registry().find("c-1").orElseThrow().state()).isEqualTo(SessionState.SUSPECT);
 * }</pre>
 *
 * <p>{@link #newConnectionHandler()} is safe from any thread; each handler it returns belongs to
 * one connection and runs on that connection's loop thread.
 */
public final class SessionPipeline {
    private final CodecConfig codec;
    private final JsonMessageParser parser;
    private final SessionContext context;
    /** Stateless per connection (the session is the connection's attachment), so one serves them all. */
    private final SessionProtocol protocol;

    SessionPipeline(SessionServerBuilder settings, SessionCluster cluster) {
        ServerMetrics metrics = new ServerMetrics();
        this.codec = settings.codecConfig();
        this.parser = new JsonMessageParser(codec.jsonLimits());
        this.context = new SessionContext(new SessionTable(metrics, cluster), metrics, settings, cluster.assignedIdPrefix());
        this.protocol = new SessionProtocol(context);
    }

    /** @return a handler for one new connection */
    public ConnectionHandler newConnectionHandler() {
        return new MessageConnectionHandler(codec, parser, protocol);
    }

    /** @return the sessions of every connection made by this pipeline */
    public SessionRegistry registry() {
        return context.sessions;
    }

    /** @return the counters of every connection made by this pipeline */
    public SessionMetrics metrics() {
        return context.metrics;
    }

    /** @return where this pipeline's sessions are published */
    public SessionCluster cluster() {
        return context.sessions.cluster();
    }

    ServerMetrics serverMetrics() {
        return context.metrics;
    }
}
