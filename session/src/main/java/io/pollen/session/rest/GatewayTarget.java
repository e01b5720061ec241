package io.pollen.session.rest;

import io.pollen.session.SessionRegistry;
import io.pollen.session.SessionServer;
import io.pollen.session.cluster.SessionCluster;

import java.util.function.Supplier;

/**
 * What a gateway serves: the cluster it reaches sessions through, and what it says about itself. A
 * session server's gateway also has the server's own sessions (for {@code /health} while the cluster
 * is out of reach) and metrics; a supervisor's gateway has only the cluster. Immutable.
 *
 * @param cluster        how sessions are reached
 * @param backend        the backend named by {@code /health}
 * @param maxFrameLength the longest message accepted
 * @param localSessions  this process's sessions, or null when it holds none
 * @param metricsText    the {@code /metrics} text, made on each scrape
 */
record GatewayTarget(SessionCluster cluster, String backend, long maxFrameLength, SessionRegistry localSessions,
                     Supplier<String> metricsText) {

    /** @return the target of a session server's own gateway */
    static GatewayTarget of(SessionServer server) {
        return new GatewayTarget(server.cluster(), server.backend(), server.maxFrameLength(), server.registry(),
                () -> PrometheusMetricsWriter.write(server.metrics(), server.reactor().loopCount()));
    }
}
