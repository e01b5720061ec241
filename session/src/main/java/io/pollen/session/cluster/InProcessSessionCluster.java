package io.pollen.session.cluster;

import io.pollen.session.SendResult;
import io.pollen.session.Session;
import io.pollen.session.SessionRegistry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A cluster of one node: the sessions of this process, nothing routed. Every server's default, and
 * what a consumer's tests use. Every future it returns is already complete.
 *
 * <p>Safe from any thread; every call is a call on the joined {@link SessionRegistry}.
 */
public final class InProcessSessionCluster implements SessionCluster {
    private final String nodeName;
    private volatile SessionRegistry local;

    /** A node named after this host and process ({@link #defaultNodeName()}). */
    public InProcessSessionCluster() {
        this(defaultNodeName());
    }

    /**
     * @param nodeName the name {@code GET /nodes} and {@code GET /sessions/{id}} show
     */
    public InProcessSessionCluster(String nodeName) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    }

    /** @return {@code <host name>-<pid>}, the name a node gets unless told otherwise */
    public static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name still has a pid, which is unique on it.
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    /** One process assigns ids from one counter, so the bare prefix is unique. */
    @Override
    public String assignedIdPrefix() {
        return "s-";
    }

    @Override
    public void join(SessionRegistry sessions) {
        if (local != null) {
            throw new IllegalStateException("node '" + nodeName + "' has already joined; a cluster serves one server");
        }
        local = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public void registered(String id) {
        // The registry is the directory: nothing to publish.
    }

    @Override
    public void unregistered(String id) {
        // As above.
    }

    @Override
    public CompletableFuture<Optional<SessionSnapshot>> find(String id) {
        return CompletableFuture.completedFuture(registry().find(id).map(this::snapshot));
    }

    @Override
    public CompletableFuture<List<SessionSnapshot>> page(String afterId, int limit) {
        List<SessionSnapshot> page = registry().page(afterId, limit).stream().map(this::snapshot).toList();
        return CompletableFuture.completedFuture(page);
    }

    @Override
    public CompletableFuture<SendResult> send(String id, ByteBuffer payload) {
        return CompletableFuture.completedFuture(registry().send(id, payload));
    }

    @Override
    public CompletableFuture<SendResult> sendFile(String id, FileChannel file, long position, long length) {
        Optional<Session> session = registry().find(id);
        SendResult result = session.isEmpty() ? SendResult.UNKNOWN_SESSION : session.get().sendFile(file, position, length);
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public CompletableFuture<Boolean> close(String id) {
        return CompletableFuture.completedFuture(registry().close(id));
    }

    @Override
    public CompletableFuture<Integer> broadcast(ByteBuffer payload) {
        return CompletableFuture.completedFuture(registry().broadcast(payload));
    }

    @Override
    public CompletableFuture<List<NodeInfo>> nodes() {
        SessionRegistry sessions = local;
        if (sessions == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.completedFuture(List.of(new NodeInfo(nodeName, ProcessHandle.current().pid(), sessions.size())));
    }

    /** Nothing to leave: the registry goes with its server. */
    @Override
    public void close() {
        // No connection to release.
    }

    private SessionSnapshot snapshot(Session session) {
        return SessionSnapshot.of(session, nodeName);
    }

    private SessionRegistry registry() {
        SessionRegistry sessions = local;
        if (sessions == null) {
            throw new IllegalStateException("no server has joined node '" + nodeName + "' yet");
        }
        return sessions;
    }
}
