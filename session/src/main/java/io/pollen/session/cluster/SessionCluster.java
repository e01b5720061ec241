package io.pollen.session.cluster;

import io.pollen.session.SendResult;
import io.pollen.session.SessionRegistry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where sessions live: the service provider interface through which a server publishes the ids of its
 * sessions, and through which the REST gateway (or any caller) finds, messages and closes a session
 * wherever it is connected. {@link InProcessSessionCluster} serves one process and is every server's
 * default; {@code pollen-cluster-redis} serves many processes and boxes.
 *
 * <h2>Life cycle</h2>
 * A cluster is given to one {@link io.pollen.session.SessionServerBuilder#cluster(SessionCluster) server},
 * which {@linkplain #join joins} it before it accepts a connection and {@linkplain #close closes} it
 * after its last session is gone: the server owns it. A cluster that is never joined (a supervisor
 * that only serves REST) routes every call to the nodes that did join.
 *
 * <h2>Results</h2>
 * Calls that may cross processes return a {@link CompletableFuture}. It completes normally with the
 * answer of the node that holds the session, or exceptionally with a {@link ClusterException}: a
 * {@link ClusterTimeoutException} when that node did not answer in time, a
 * {@link ClusterUnavailableException} when the routing layer cannot be reached, a
 * {@link RoutedPayloadTooLargeException} when a message cannot be carried to another node. Calls for
 * sessions of this node never need the routing layer. A message routed to a node that dies before it
 * is written is lost: delivery is at most once.
 *
 * <h2>Threading</h2>
 * Every method is safe from any thread and none blocks. {@link #registered} and {@link #unregistered}
 * are called on event-loop threads and must return at once; futures may complete on any thread,
 * including the caller's.
 */
public interface SessionCluster extends AutoCloseable {

    /** @return this node's name, unique among the live nodes of the cluster */
    String nodeName();

    /**
     * @return how every id this node assigns begins: {@code "s-"} and, in a cluster of several nodes,
     * something that no other node's ids share, so that two nodes never assign the same id
     */
    String assignedIdPrefix();

    /**
     * Joins the cluster as a node that holds {@code local}'s sessions, answers the calls routed to them,
     * and closes a local session when a client claims its id on another node. Called once, before the
     * server accepts a connection.
     *
     * @param local the sessions of this node
     * @throws IOException if the cluster cannot be joined: the routing layer is unreachable, or a live
     *                     node already has this node's name (the message says which and why)
     */
    void join(SessionRegistry local) throws IOException;

    /**
     * A session of this node now holds {@code id}. A session holding the same id on another node is
     * closed there (a client that reconnected elsewhere replaces its half-open connection). Called on
     * an event-loop thread; publishes asynchronously and never throws.
     *
     * @param id the id
     */
    void registered(String id);

    /**
     * The session of this node that held {@code id} is gone. Its directory entry is removed only if it
     * still names this node. Called on an event-loop thread; asynchronous, never throws.
     *
     * @param id the id
     */
    void unregistered(String id);

    /**
     * @param id a session id
     * @return the session with that id wherever it is, or empty
     */
    CompletableFuture<Optional<SessionSnapshot>> find(String id);

    /**
     * A page of the sessions of the whole cluster in id order.
     *
     * @param afterId the last id of the previous page, or null for the first
     * @param limit   at most this many, at least 1
     * @return the page
     */
    CompletableFuture<List<SessionSnapshot>> page(String afterId, int limit);

    /**
     * Sends one frame to a session wherever it is.
     *
     * @param id      the session id
     * @param payload the payload, verbatim; not modified
     * @return what the node holding the session made of it ({@link SendResult#UNKNOWN_SESSION} if none does)
     */
    CompletableFuture<SendResult> send(String id, ByteBuffer payload);

    /**
     * Sends one frame whose payload is a region of a file to a session wherever it is, with the
     * ownership rule of {@link io.pollen.session.Session#sendFile}: on {@link SendResult#QUEUED} the
     * cluster owns {@code file} and closes it; on any other result, or an exceptional completion, the
     * caller keeps it.
     *
     * @param id       the session id
     * @param file     the file holding the payload
     * @param position where the payload starts
     * @param length   its length in bytes
     * @return what the node holding the session made of it
     */
    CompletableFuture<SendResult> sendFile(String id, FileChannel file, long position, long length);

    /**
     * Closes a session wherever it is, after its queued frames are sent.
     *
     * @param id the session id
     * @return true if a session had that id
     */
    CompletableFuture<Boolean> close(String id);

    /**
     * Sends one frame to every session of the cluster.
     *
     * @param payload the payload, verbatim; not modified
     * @return how many sessions it was queued for, summed over the nodes that answered in time
     */
    CompletableFuture<Integer> broadcast(ByteBuffer payload);

    /** @return the live nodes with their session counts, in name order */
    CompletableFuture<List<NodeInfo>> nodes();

    /**
     * Leaves the cluster (this node's sessions leave the directory) and releases the connection to the
     * routing layer. Idempotent.
     */
    @Override
    void close();
}
