package io.pollen.session;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * What every session of one server shares: the table, the counters and the settings. Immutable
 * apart from the table and counters, which are thread-safe.
 */
final class SessionContext {
    final SessionTable sessions;
    final ServerMetrics metrics;
    final SessionHandler handler;
    final Executor executor;
    final KeepAlivePolicy keepAlive;
    final Duration pingInterval;
    final long maxFrameLength;
    final KeepAliveMonitor keepAliveMonitor;
    final HelloAuthenticator helloAuthenticator;
    /** How every id this server assigns begins ({@link io.pollen.session.cluster.SessionCluster#assignedIdPrefix()}). */
    final String assignedIdPrefix;

    SessionContext(SessionTable sessions, ServerMetrics metrics, SessionServerBuilder settings, String assignedIdPrefix) {
        this.assignedIdPrefix = assignedIdPrefix;
        this.sessions = sessions;
        this.metrics = metrics;
        // A sequential application runs under the callback path, which stays the only one the protocol knows.
        this.handler = settings.sequential() == null ? settings.handler()
                : new SequentialDispatcher(settings.sequential(), settings.resolvedSessionThreads(), settings.inboxCapacity(), metrics);
        this.executor = settings.executor();
        this.keepAlive = settings.keepAlive().copy();
        this.pingInterval = settings.pingInterval();
        this.maxFrameLength = settings.maxFrameLength();
        this.keepAliveMonitor = new KeepAliveMonitor(keepAlive);
        this.helloAuthenticator = settings.helloAuthenticator();
    }
}
