package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Runs a {@link SequentialSessionHandler} under the callback path: the session layer calls this as
 * its {@link SessionHandler} on the loop threads, and this gives each session a thread of its own and
 * an inbox. The session protocol (hello, ping, keep-alive, health, the registry and REST) is the
 * callbacks' own, untouched.
 *
 * <p>Threading: the {@link SessionHandler} methods run on the session's loop thread (the server has no
 * callback executor in sequential mode); {@link #runSession} runs on the session's own thread. The map
 * is concurrent because one dispatcher serves every loop.
 */
final class SequentialDispatcher implements SessionHandler {
    private static final System.Logger LOG = System.getLogger(SequentialDispatcher.class.getName());

    private final SequentialSessionHandler handler;
    private final ThreadFactory threads;
    private final int inboxCapacity;
    private final ServerMetrics metrics;
    private final Map<Session, SequentialServerSession> sessions = new ConcurrentHashMap<>();

    SequentialDispatcher(SequentialSessionHandler handler, ThreadFactory threads, int inboxCapacity, ServerMetrics metrics) {
        this.handler = handler;
        this.threads = threads;
        this.inboxCapacity = inboxCapacity;
        this.metrics = metrics;
    }

    @Override
    public void onSessionOpened(Session session) {
        ServerSession server = (ServerSession) session;
        SequentialServerSession sequential = new SequentialServerSession(server, metrics, inboxCapacity);
        sessions.put(session, sequential);
        try {
            Thread thread = threads.newThread(() -> runSession(sequential));
            if (thread == null) {
                LOG.log(Level.WARNING, "the session thread factory refused a thread for " + session + "; closing that session");
                server.connection().abort();
                return;
            }
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            // Platform threads run out (ulimit -u, memory) long before descriptors do: refuse this client only.
            LOG.log(Level.WARNING, "no thread for sequential " + session + "; closing that session", e);
            server.connection().abort();
        }
    }

    private void runSession(SequentialServerSession session) {
        boolean failed = true;
        try {
            handler.run(session);
            failed = false;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the sequential session handler failed on " + session + "; closing that session", e);
        } finally {
            if (failed) {
                session.abort();
            } else {
                session.close();
            }
        }
    }

    @Override
    public void onMessage(Session session, JsonMessage message) {
        SequentialServerSession sequential = sessions.get(session);
        if (sequential != null) {
            sequential.delivered(message);
        }
    }

    @Override
    public JsonTokenListener onLargeMessage(Session session, long length) {
        return handler.onLargeMessage(session, length);
    }

    @Override
    public void onWritabilityChanged(Session session, boolean writable) {
        SequentialServerSession sequential = sessions.get(session);
        if (sequential != null && writable) {
            sequential.writable();
        }
    }

    @Override
    public void onSessionClosed(Session session, Throwable cause) {
        SequentialServerSession sequential = sessions.remove(session);
        if (sequential != null) {
            sequential.closed();
        }
    }
}
