package io.pollen.session;

import io.pollen.session.cluster.SessionCluster;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@link SessionRegistry}: a concurrent sorted map from id to session, so lookups and sends from
 * any thread never touch a loop, and pages come out in id order without copying the whole table.
 */
final class SessionTable implements SessionRegistry {
    /**
     * The first characters of every id the server assigns ({@code s-} and the connection's number, made
     * by {@code ServerSession}). The whole namespace is the server's: a claim of one of its ids is refused
     * whether a connection holds it now or not, because a free one is the id of a connection yet to come.
     */
    static final String ASSIGNED_ID_PREFIX = "s-";

    private final ConcurrentNavigableMap<String, ServerSession> byId = new ConcurrentSkipListMap<>();
    private final ServerMetrics metrics;
    /** Told of every id a session takes and gives up, so that other nodes can find it. */
    private final SessionCluster cluster;

    SessionTable(ServerMetrics metrics, SessionCluster cluster) {
        this.metrics = metrics;
        this.cluster = cluster;
    }

    SessionCluster cluster() {
        return cluster;
    }

    void add(ServerSession session) {
        byId.put(session.id(), session);
        cluster.registered(session.id());
    }

    /**
     * @param id an id a client claims
     * @return true if it is in the namespace of ids the server assigns, which no client may claim
     */
    static boolean isAssignedByServer(String id) {
        return id.startsWith(ASSIGNED_ID_PREFIX);
    }

    /**
     * Moves a session to the id its client claimed.
     *
     * @return the session that held that id before, which the caller closes, or null
     */
    ServerSession rekey(ServerSession session, String newId) {
        String oldId = session.id();
        session.assignId(newId);
        ServerSession displaced = byId.put(newId, session);
        // Published before the old id is given up, so the session is never missing from the directory.
        cluster.registered(newId);
        if (byId.remove(oldId, session)) {
            cluster.unregistered(oldId);
        }
        return displaced == session ? null : displaced;
    }

    void remove(ServerSession session) {
        // A displaced session no longer holds its id: only the holder gives it up.
        if (byId.remove(session.id(), session)) {
            cluster.unregistered(session.id());
        }
    }

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public SendResult send(String id, ByteBuffer payload) {
        ServerSession session = byId.get(id);
        return session == null ? SendResult.UNKNOWN_SESSION : session.send(payload);
    }

    @Override
    public int broadcast(ByteBuffer payload) {
        int queued = 0;
        for (ServerSession session : byId.values()) {
            if (session.send(payload).isQueued()) {
                queued++;
            }
        }
        return queued;
    }

    @Override
    public int size() {
        return byId.size();
    }

    @Override
    public int count(SessionState state) {
        return metrics.sessions(state);
    }

    @Override
    public List<Session> page(String afterId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Map<String, ServerSession> tail = afterId == null ? byId : byId.tailMap(afterId, false);
        List<Session> page = new ArrayList<>(Math.min(limit, 1024));
        for (ServerSession session : tail.values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(session);
        }
        return page;
    }

    @Override
    public boolean close(String id) {
        ServerSession session = byId.get(id);
        if (session == null) {
            return false;
        }
        session.close();
        return true;
    }
}
