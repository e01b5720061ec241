package io.pollen.cluster.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.pollen.session.SendResult;
import io.pollen.session.SessionRegistry;
import io.pollen.session.cluster.ClusterUnavailableException;
import io.pollen.session.cluster.NodeInfo;
import io.pollen.session.cluster.RoutedPayloadTooLargeException;
import io.pollen.session.cluster.SessionCluster;
import io.pollen.session.cluster.SessionSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static io.pollen.cluster.redis.RedisKeys.text;

/**
 * A {@link SessionCluster} on Redis: a directory of session ids to nodes, one pub/sub channel per node
 * for the calls routed to it (answers come back on the caller's own channel), and a heartbeat per node
 * with a time to live. Redis routes; it stores no message. docs/CLUSTER.md draws the keys and channels.
 *
 * <pre>{@code
 * RedisSessionCluster cluster = RedisSessionCluster.connect(new RedisClusterConfig()
 *         .uri("redis://127.0.0.1:6379").nodeName("box1-4711"));
 * SessionServer server = SessionServer.builder().cluster(cluster)...build();   // joins, and owns it
 * }</pre>
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>A call for a session of this node never touches Redis.</li>
 *   <li>A routed call completes with the holding node's answer, or with
 *       {@link io.pollen.session.cluster.ClusterTimeoutException} after
 *       {@link RedisClusterConfig#callTimeout()}, or with {@link ClusterUnavailableException} as soon as
 *       Redis refuses or cannot be reached. A message routed to a node that dies is lost: at most once.</li>
 *   <li>A node that stops heartbeating is purged by the others within {@code nodeTtl + heartbeatInterval}.</li>
 *   <li>A node that Redis forgot (restarted empty, or purged while this node could not reach it)
 *       re-registers all its live sessions at its first heartbeat that reaches Redis again.</li>
 *   <li>{@link #broadcast} sums the nodes that answered in time; nodes that did not are left out.
 *       {@link #page} fails if any live node does not answer, rather than return a page with a hole.</li>
 * </ul>
 *
 * <p>Safe from any thread; no method blocks except {@link #connect}, {@link #join} and {@link #close}.
 * {@link #registered} and {@link #unregistered}, called on event-loop threads, only issue asynchronous
 * commands. Futures complete on Lettuce's or the cluster's timer threads, or at once on the caller's.
 */
public final class RedisSessionCluster implements SessionCluster {
    private final RedisClusterConfig config;
    private final String node;
    private final RedisKeys keys;
    private final RedisLink redis;
    private final byte[] replyChannel;
    private final String assignedIdPrefix;
    private final ScheduledThreadPoolExecutor timer;
    private final PendingCalls pending;
    private final NodeDirectory directory;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SessionRegistry local;
    private volatile CallAnswerer answerer;

    private RedisSessionCluster(RedisClusterConfig config, RedisLink redis, long incarnation, ScheduledThreadPoolExecutor timer) {
        this.config = config;
        this.node = config.nodeName();
        this.keys = new RedisKeys(config.keyPrefix());
        this.redis = redis;
        this.replyChannel = keys.replies(node, UUID.randomUUID().toString());
        // The incarnation makes the prefix new at every start of a node of this name: its counter restarts at 1.
        this.assignedIdPrefix = "s-" + node + "-" + Long.toString(incarnation, 36) + "-";
        this.timer = timer;
        this.pending = new PendingCalls(timer, config.callTimeout());
        this.directory = new NodeDirectory(redis, keys, config, incarnation, this::displace);
    }

    /**
     * Connects to Redis and subscribes to this object's reply channel; does not join. A cluster that is
     * never joined (a supervisor's REST gateway) routes every call to the nodes that did.
     *
     * @param config the settings; concluded, and copied
     * @return the connected cluster; the caller (or the server given it) closes it
     * @throws IOException naming the address (without password) and the cause, if Redis cannot be
     *                     reached or refuses the credentials
     */
    public static RedisSessionCluster connect(RedisClusterConfig config) throws IOException {
        RedisClusterConfig settings = config.copy().conclude();
        RedisSessionCluster[] created = new RedisSessionCluster[1];
        RedisLink redis = RedisLink.open(settings, (channel, message) -> created[0].onMessage(channel, message));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "pollen-redis-" + settings.nodeName());
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        try {
            long incarnation = redis.sync().incr(new RedisKeys(settings.keyPrefix()).incarnation(settings.nodeName()));
            created[0] = new RedisSessionCluster(settings, redis, incarnation, timer);
            redis.pubsub().sync().subscribe(created[0].replyChannel);
            return created[0];
        } catch (RedisException e) {
            timer.shutdownNow();
            redis.close();
            throw new IOException("cannot use Redis at " + redis.address() + ": " + RedisLink.causes(e), e);
        }
    }

    /** @return the concluded settings in force (a copy) */
    public RedisClusterConfig config() {
        return config.copy();
    }

    @Override
    public String nodeName() {
        return node;
    }

    /** {@code s-<node>-<incarnation in base 36>-}: unique across the cluster and across restarts of this name. */
    @Override
    public String assignedIdPrefix() {
        return assignedIdPrefix;
    }

    /**
     * Publishes this node and subscribes to its call channel, then heartbeats every
     * {@link RedisClusterConfig#heartbeatInterval()}. Blocks for a few Redis round trips.
     *
     * @throws IOException if a live node has this name, or Redis cannot be reached
     */
    @Override
    public synchronized void join(SessionRegistry sessions) throws IOException {
        if (local != null) {
            throw new IllegalStateException("node '" + node + "' has already joined; a cluster serves one server");
        }
        if (closed.get()) {
            throw new IllegalStateException("node '" + node + "' is closed");
        }
        directory.join(sessions);
        answerer = new CallAnswerer(redis, keys, node, sessions);
        try {
            redis.pubsub().sync().subscribe(keys.calls(node));
        } catch (RedisException e) {
            directory.leave();
            throw new IOException("cannot subscribe node '" + node + "' to its calls at " + redis.address() + ": "
                    + RedisLink.causes(e), e);
        }
        local = sessions;
        long interval = config.heartbeatInterval().toNanos();
        timer.scheduleWithFixedDelay(directory::beat, interval, interval, TimeUnit.NANOSECONDS);
        long flush = config.directoryFlushInterval().toNanos();
        timer.scheduleWithFixedDelay(directory::flush, flush, flush, TimeUnit.NANOSECONDS);
    }

    @Override
    public void registered(String id) {
        directory.registered(id);
    }

    @Override
    public void unregistered(String id) {
        directory.unregistered(id);
    }

    @Override
    public CompletableFuture<Optional<SessionSnapshot>> find(String id) {
        return routeDirect(id, sessions -> sessions.find(id).map(session -> SessionSnapshot.of(session, node)),
                Optional.empty(), RoutedCall.Kind.FIND, empty(), SnapshotBodies::readOne);
    }

    @Override
    public CompletableFuture<List<SessionSnapshot>> page(String afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return liveNodes().thenCompose(nodes -> {
            List<CompletableFuture<List<SessionSnapshot>>> pages = new ArrayList<>();
            SessionRegistry sessions = local;
            if (sessions != null) {
                pages.add(CompletableFuture.completedFuture(sessions.page(afterId, limit).stream()
                        .map(session -> SessionSnapshot.of(session, node)).toList()));
            }
            for (NodeInfo other : nodes) {
                if (!other.node().equals(node) || sessions == null) {
                    pages.add(call(other.node(), RoutedCall.Kind.PAGE, afterId, limit, empty(), SnapshotBodies::readPage));
                }
            }
            return CompletableFuture.allOf(pages.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                // A session met twice (moving between nodes as the pages were taken) shows once.
                Map<String, SessionSnapshot> merged = new TreeMap<>();
                for (CompletableFuture<List<SessionSnapshot>> page : pages) {
                    for (SessionSnapshot snapshot : page.join()) {
                        merged.putIfAbsent(snapshot.id(), snapshot);
                    }
                }
                return merged.values().stream().limit(limit).toList();
            });
        });
    }

    @Override
    public CompletableFuture<SendResult> send(String id, ByteBuffer payload) {
        ByteBuffer message = payload.duplicate();
        if (message.remaining() <= config.maxRoutedPayload()) {
            return routeDirect(id, sessions -> sessions.send(id, message.duplicate()), SendResult.UNKNOWN_SESSION,
                    RoutedCall.Kind.SEND, message, CallAnswerer::sendResult);
        }
        // Too long to route: only a session of this node can have it, and the refusal names the holder.
        return route(id, sessions -> sessions.send(id, message.duplicate()), SendResult.UNKNOWN_SESSION,
                holder -> CompletableFuture.failedFuture(new RoutedPayloadTooLargeException(holder, message.remaining(),
                        config.maxRoutedPayload())));
    }

    /**
     * To a session of another node, the region is read into memory (at most
     * {@link RedisClusterConfig#maxRoutedPayload()} bytes, on the cluster's timer thread) and routed as
     * a {@link #send}; the file is closed once that send is {@link SendResult#QUEUED}.
     */
    @Override
    public CompletableFuture<SendResult> sendFile(String id, FileChannel file, long position, long length) {
        return route(id, sessions -> sessions.find(id).map(session -> session.sendFile(file, position, length))
                .orElse(SendResult.UNKNOWN_SESSION), SendResult.UNKNOWN_SESSION, holder -> {
            if (length > config.maxRoutedPayload()) {
                return CompletableFuture.failedFuture(new RoutedPayloadTooLargeException(holder, length, config.maxRoutedPayload()));
            }
            return CompletableFuture.supplyAsync(() -> read(file, position, length), timer)
                    .thenCompose(message -> call(holder, RoutedCall.Kind.SEND, id, 0, message, CallAnswerer::sendResult))
                    .thenApply(result -> {
                        if (result == SendResult.QUEUED) {
                            closeQuietly(file);
                        }
                        return result;
                    });
        });
    }

    @Override
    public CompletableFuture<Boolean> close(String id) {
        return routeDirect(id, sessions -> sessions.close(id), false, RoutedCall.Kind.CLOSE, empty(), body -> body.get() == 1);
    }

    /** Every live node, summed; a node that does not answer within the call timeout counts 0. */
    @Override
    public CompletableFuture<Integer> broadcast(ByteBuffer payload) {
        ByteBuffer message = payload.duplicate();
        return liveNodes().thenCompose(nodes -> {
            SessionRegistry sessions = local;
            List<NodeInfo> others = nodes.stream().filter(other -> !other.node().equals(node) || sessions == null).toList();
            if (!others.isEmpty() && message.remaining() > config.maxRoutedPayload()) {
                // Refused before any session has it, so that a 413 means nothing was sent.
                return CompletableFuture.failedFuture(new RoutedPayloadTooLargeException(others.get(0).node(),
                        message.remaining(), config.maxRoutedPayload()));
            }
            List<CompletableFuture<Integer>> counts = new ArrayList<>();
            if (sessions != null) {
                counts.add(CompletableFuture.completedFuture(sessions.broadcast(message.duplicate())));
            }
            for (NodeInfo other : others) {
                counts.add(call(other.node(), RoutedCall.Kind.BROADCAST, null, 0, message, body -> body.getInt())
                        .exceptionally(silent -> 0));
            }
            return CompletableFuture.allOf(counts.toArray(new CompletableFuture<?>[0]))
                    .thenApply(done -> counts.stream().mapToInt(CompletableFuture::join).sum());
        });
    }

    /** The nodes whose heartbeat is alive, by name; this node's count is its own, as of now. */
    @Override
    public CompletableFuture<List<NodeInfo>> nodes() {
        return liveNodes().thenApply(nodes -> {
            SessionRegistry sessions = local;
            return nodes.stream().map(info -> sessions != null && info.node().equals(node)
                    ? new NodeInfo(node, info.pid(), sessions.size()) : info).toList();
        });
    }

    /**
     * Leaves the cluster: this node's heartbeat and ids leave the directory (each Redis command bounded
     * by the call timeout; if Redis is out of reach the others purge it within its TTL), calls still
     * waiting fail with {@link ClusterUnavailableException}, the connections close. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        directory.leave();
        release();
    }

    /**
     * Stops as a killed process would: no more heartbeats, connections dropped, nothing removed from
     * Redis. For tests of what the other nodes do about a node that died.
     */
    void crash() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        directory.stop();
        timer.shutdownNow();
        release();
    }

    private void release() {
        pending.failAll(new ClusterUnavailableException("node '" + node + "' left the cluster", null));
        redis.close();
    }

    private void onMessage(byte[] channel, byte[] message) {
        if (Arrays.equals(channel, replyChannel)) {
            pending.complete(message);
            return;
        }
        CallAnswerer calls = answerer;
        if (calls != null) {
            try {
                calls.answer(message);
            } catch (RuntimeException e) {
                // One bad call must not reach Lettuce's thread: the caller times out, the next call is answered.
                System.getLogger(RedisSessionCluster.class.getName()).log(System.Logger.Level.WARNING,
                        "node '" + node + "' failed to answer a call", e);
            }
        }
    }

    /** Tells the node that held {@code id} that this node took it, so that it closes its session. */
    private void displace(String holder, String id) {
        byte[] call = new RoutedCall(RoutedCall.Kind.DISPLACE, 0, replyChannel, id, 0, empty()).encode();
        redis.call("displacing session '" + id + "' on node '" + holder + "'", () -> redis.async().publish(keys.calls(holder), call));
    }

    /**
     * Answers here for a session of this node, else asks the directory which node holds it.
     *
     * @param here    the answer from the local registry
     * @param unknown the answer when no node holds the id
     * @param there   the call to the holding node
     */
    private <T> CompletableFuture<T> route(String id, Function<SessionRegistry, T> here, T unknown,
                                           Function<String, CompletableFuture<T>> there) {
        SessionRegistry sessions = local;
        if (sessions != null && sessions.find(id).isPresent()) {
            return CompletableFuture.completedFuture(here.apply(sessions));
        }
        return redis.call("finding session '" + id + "'", () -> redis.async().get(keys.session(id))).thenCompose(owner -> {
            String holder = text(owner);
            if (holder == null) {
                return CompletableFuture.completedFuture(unknown);
            }
            if (holder.equals(node) && sessions != null) {
                // The directory lags behind a session that just left.
                return CompletableFuture.completedFuture(here.apply(sessions));
            }
            return there.apply(holder);
        });
    }

    /**
     * Answers here for a session of this node, else routes the call in one round trip: a script looks
     * the holder up and publishes the call on its channel ({@link DirectoryScripts#ROUTE}). The answer
     * comes back on this object's reply channel, as for {@link #call}.
     *
     * @param here    the answer from the local registry
     * @param unknown the answer when no node holds the id
     */
    private <T> CompletableFuture<T> routeDirect(String id, Function<SessionRegistry, T> here, T unknown,
                                                 RoutedCall.Kind kind, ByteBuffer payload, Function<ByteBuffer, T> decoder) {
        SessionRegistry sessions = local;
        if (sessions != null && sessions.find(id).isPresent()) {
            return CompletableFuture.completedFuture(here.apply(sessions));
        }
        // The holder is known once Redis answers the script; a timeout before that names the id instead.
        PendingCalls.Pending<T> call = pending.open("(the holder of '" + id + "')", decoder);
        byte[] message = new RoutedCall(kind, call.id(), replyChannel, id, 0, payload).encode();
        redis.call("routing a call for session '" + id + "'", () -> redis.async().<byte[]>eval(DirectoryScripts.ROUTE,
                        ScriptOutputType.VALUE, new byte[][]{keys.session(id)}, RedisKeys.bytes(keys.callsPrefix()), message))
                .whenComplete((owner, failure) -> {
                    if (failure != null) {
                        pending.fail(call.id(), failure instanceof ClusterUnavailableException unavailable ? unavailable
                                : redis.unavailable("routing a call for session '" + id + "'", failure));
                    } else if (owner == null) {
                        pending.settle(call, unknown);
                    } else {
                        call.node(text(owner));
                    }
                });
        return call.future();
    }

    private <T> CompletableFuture<T> call(String holder, RoutedCall.Kind kind, String id, int limit, ByteBuffer payload,
                                          Function<ByteBuffer, T> decoder) {
        PendingCalls.Pending<T> call = pending.open(holder, decoder);
        byte[] message = new RoutedCall(kind, call.id(), replyChannel, id, limit, payload).encode();
        redis.call("routing a call to node '" + holder + "'", () -> redis.async().publish(keys.calls(holder), message))
                .whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        pending.fail(call.id(), failure instanceof ClusterUnavailableException unavailable ? unavailable
                                : redis.unavailable("routing a call to node '" + holder + "'", failure));
                    }
                });
        return call.future();
    }

    private CompletableFuture<List<NodeInfo>> liveNodes() {
        return redis.call("listing nodes", () -> redis.async().smembers(keys.nodes())).thenCompose(members -> {
            List<String> names = members.stream().map(RedisKeys::text).sorted(Comparator.naturalOrder()).toList();
            if (names.isEmpty()) {
                return CompletableFuture.completedFuture(List.<NodeInfo>of());
            }
            byte[][] heartbeats = names.stream().map(keys::heartbeat).toArray(byte[][]::new);
            return redis.call("reading heartbeats", () -> redis.async().mget(heartbeats)).thenApply(values -> {
                List<NodeInfo> live = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    KeyValue<byte[], byte[]> value = values.get(i);
                    if (value.hasValue()) {
                        live.add(parseHeartbeat(names.get(i), text(value.getValue())));
                    }
                }
                return live;
            });
        });
    }

    private static NodeInfo parseHeartbeat(String name, String value) {
        String[] fields = value.split(" ");
        try {
            return new NodeInfo(name, Long.parseLong(fields[0]), fields.length > 1 ? Long.parseLong(fields[1]) : 0);
        } catch (NumberFormatException e) {
            return new NodeInfo(name, -1, 0);
        }
    }

    private static ByteBuffer read(FileChannel file, long position, long length) {
        ByteBuffer region = ByteBuffer.allocate(Math.toIntExact(length));
        try {
            while (region.hasRemaining()) {
                if (file.read(region, position + region.position()) < 0) {
                    throw new IOException("the file ends " + (length - region.position()) + " bytes before the region does");
                }
            }
        } catch (IOException e) {
            throw new CompletionException(new UncheckedIOException(e));
        }
        return region.flip();
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // The message is queued at the other node; a failing close of a read-only file loses nothing.
        }
    }

    private static ByteBuffer empty() {
        return ByteBuffer.allocate(0);
    }
}
