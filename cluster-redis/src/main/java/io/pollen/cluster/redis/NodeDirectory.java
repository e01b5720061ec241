package io.pollen.cluster.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.pollen.session.Session;
import io.pollen.session.SessionRegistry;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static io.pollen.cluster.redis.RedisKeys.bytes;
import static io.pollen.cluster.redis.RedisKeys.text;

/**
 * This node's part of the directory: its heartbeat, its session ids, the purge of dead nodes, and the
 * re-registration of every live session when Redis has forgotten them (restarted empty, or out of reach
 * long enough for the others to purge this node, or a registration refused while disconnected).
 *
 * <p>{@link #registered} and {@link #unregistered} are called on event-loop threads and only queue the
 * change; {@link #flush}, on the cluster's timer thread, sends the changes in batches, asynchronously.
 * {@link #join}, {@link #beat} and {@link #leave} block, each command bounded by the call timeout: they
 * run on the starting thread and on the cluster's own timer thread.
 */
final class NodeDirectory {
    private static final System.Logger LOG = System.getLogger(NodeDirectory.class.getName());
    /** Commands in flight at once while re-registering many sessions: enough to pipeline, bounded in memory. */
    private static final int RESYNC_BATCH = 1024;
    /** The most ids one flush script call takes, so that no call holds Redis for long. */
    private static final int FLUSH_BATCH = 512;

    private final RedisLink redis;
    private final RedisKeys keys;
    private final RedisClusterConfig config;
    private final String node;
    private final byte[] nodeBytes;
    private final long incarnation;
    /** Tells the node holding an id (name, id) that this node took it. */
    private final BiConsumer<String, String> displace;
    /** Ids whose registration Redis did not take: re-registered by force at the next heartbeat. */
    private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
    /** What the event loops reported since the last flush. */
    private final DirectoryChanges changes = new DirectoryChanges();
    private volatile SessionRegistry local;
    /** Set when a change may have missed Redis; the next heartbeat then re-registers everything. */
    private volatile boolean resyncNeeded;
    private volatile boolean stopped;
    private boolean outageLogged;

    NodeDirectory(RedisLink redis, RedisKeys keys, RedisClusterConfig config, long incarnation, BiConsumer<String, String> displace) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
        this.node = config.nodeName();
        this.nodeBytes = bytes(node);
        this.incarnation = incarnation;
        this.displace = displace;
    }

    /**
     * Publishes this node: refused if a live node has its name. Clears what an earlier process of
     * the same name left behind when it died before the others purged it.
     */
    void join(SessionRegistry sessions) throws IOException {
        RedisCommands<byte[], byte[]> sync = redis.sync();
        try {
            byte[] alive = sync.get(keys.heartbeat(node));
            if (alive != null) {
                throw new IOException("node name '" + node + "' is already alive in the cluster at " + redis.address()
                        + " (its heartbeat: pid and sessions " + text(alive) + "); give this node another name");
            }
            purge(sync, node);
            if (sync.set(keys.heartbeat(node), heartbeat(0), SetArgs.Builder.nx().px(config.nodeTtl().toMillis())) == null) {
                throw new IOException("node name '" + node + "' was taken by another process joining the cluster at "
                        + redis.address() + " at the same moment; give this node another name");
            }
            sync.sadd(keys.nodes(), nodeBytes);
        } catch (RedisException e) {
            throw new IOException("cannot join the cluster at " + redis.address() + " as node '" + node + "': "
                    + RedisLink.causes(e), e);
        }
        local = sessions;
    }

    /** A session of this node took {@code id}: claimed at the next flush, displacing the previous holder if another node. */
    void registered(String id) {
        if (!stopped) {
            changes.claimed(id);
        }
    }

    /** The session of this node that held {@code id} is gone: released at the next flush if it still names this node. */
    void unregistered(String id) {
        if (stopped) {
            return;
        }
        unpublished.remove(id);
        changes.released(id);
    }

    /**
     * Sends what changed since the last flush: all claims in one script call per {@link #FLUSH_BATCH}
     * ids, all releases likewise, asynchronously. Runs on the timer thread every
     * {@link RedisClusterConfig#directoryFlushInterval()}; never throws.
     */
    void flush() {
        if (stopped) {
            return;
        }
        DirectoryChanges.Batch batch = changes.drain();
        for (int from = 0; from < batch.claims().size(); from += FLUSH_BATCH) {
            claim(batch.claims().subList(from, Math.min(batch.claims().size(), from + FLUSH_BATCH)));
        }
        for (int from = 0; from < batch.releases().size(); from += FLUSH_BATCH) {
            release(batch.releases().subList(from, Math.min(batch.releases().size(), from + FLUSH_BATCH)));
        }
    }

    private void claim(List<String> ids) {
        List<String> claimed = List.copyOf(ids);
        redis.call("registering " + claimed.size() + " sessions", () -> redis.async().<List<byte[]>>eval(
                        DirectoryScripts.CLAIM_MANY, ScriptOutputType.MULTI, new byte[][]{keys.nodeIds(node)},
                        scriptArguments(claimed)))
                .whenComplete((previous, failure) -> {
                    if (failure != null) {
                        unpublished.addAll(claimed);
                        resyncNeeded = true;
                        return;
                    }
                    for (int i = 0; i < claimed.size(); i++) {
                        String id = claimed.get(i);
                        unpublished.remove(id);
                        String holder = i < previous.size() ? text(previous.get(i)) : null;
                        if (holder != null && !holder.isEmpty() && !holder.equals(node)) {
                            displace.accept(holder, id);
                        }
                    }
                });
    }

    private void release(List<String> ids) {
        List<String> released = List.copyOf(ids);
        redis.call("unregistering " + released.size() + " sessions", () -> redis.async().<Long>eval(
                        DirectoryScripts.RELEASE_MANY, ScriptOutputType.INTEGER, new byte[][]{keys.nodeIds(node)},
                        scriptArguments(released)))
                .whenComplete((deleted, failure) -> {
                    if (failure != null) {
                        resyncNeeded = true;
                    }
                });
    }

    /** ARGV of the batch scripts: this node, the session key prefix, then the ids. */
    private byte[][] scriptArguments(List<String> ids) {
        byte[][] arguments = new byte[ids.size() + 2][];
        arguments[0] = nodeBytes;
        arguments[1] = bytes(keys.sessionPrefix());
        for (int i = 0; i < ids.size(); i++) {
            arguments[i + 2] = bytes(ids.get(i));
        }
        return arguments;
    }

    /**
     * One heartbeat: renews this node's key, re-registers everything if Redis had forgotten it (or
     * missed a change), and purges nodes whose heartbeat expired. Runs on the timer thread; never throws.
     */
    void beat() {
        SessionRegistry sessions = local;
        if (sessions == null || stopped) {
            return;
        }
        RedisCommands<byte[], byte[]> sync = redis.sync();
        try {
            byte[] previous = sync.setGet(keys.heartbeat(node), heartbeat(sessions.size()),
                    SetArgs.Builder.px(config.nodeTtl().toMillis()));
            if (outageLogged) {
                outageLogged = false;
                LOG.log(Level.INFO, "node ''{0}'' reaches Redis at {1} again", node, redis.address());
            }
            if (previous == null || resyncNeeded) {
                resyncNeeded = false;
                resync(sync, sessions, previous == null);
            }
            purgeDeadNodes(sync);
        } catch (RuntimeException e) {
            // Whatever happened to Redis meanwhile, the next heartbeat that reaches it checks everything.
            resyncNeeded = true;
            if (!outageLogged) {
                outageLogged = true;
                LOG.log(Level.WARNING, "node ''{0}'' cannot reach Redis at {1}: {2}; local sessions keep working, "
                        + "routed calls fail until it is back", node, redis.address(), RedisLink.causes(e));
            }
        }
    }

    /** Stops publishing changes: the node is leaving, or crashed (tests). */
    void stop() {
        stopped = true;
    }

    /** Removes this node's heartbeat, its ids and its name; best effort, each command bounded. */
    void leave() {
        stopped = true;
        changes.clear();
        if (local == null) {
            return;
        }
        try {
            RedisCommands<byte[], byte[]> sync = redis.sync();
            sync.del(keys.heartbeat(node));
            purge(sync, node);
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "node ''{0}'' left without cleaning up (the others purge it within its TTL): {1}",
                    node, RedisLink.causes(e));
        }
    }

    private void resync(RedisCommands<byte[], byte[]> sync, SessionRegistry sessions, boolean forgotten) {
        LOG.log(Level.INFO, "node ''{0}'' re-registers its {1} sessions in Redis at {2} ({3})", node, sessions.size(),
                redis.address(), forgotten ? "Redis had forgotten this node" : "a change may have missed Redis");
        sync.sadd(keys.nodes(), nodeBytes);
        // Keeps ids unique should this node's name start again after a Redis that restarted empty.
        sync.eval("if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end",
                ScriptOutputType.STATUS, new byte[][]{keys.incarnation(node)}, bytes(Long.toString(incarnation)));
        Set<String> held = new HashSet<>();
        String after = null;
        List<Session> page;
        do {
            page = sessions.page(after, RESYNC_BATCH);
            reclaim(page, sessions);
            for (Session session : page) {
                held.add(session.id());
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1).id();
        } while (page.size() == RESYNC_BATCH);
        List<RedisFuture<Long>> releases = new ArrayList<>();
        for (byte[] member : sync.smembers(keys.nodeIds(node))) {
            String id = text(member);
            if (!held.contains(id) && sessions.find(id).isEmpty()) {
                releases.add(redis.async().eval(DirectoryScripts.RELEASE, ScriptOutputType.INTEGER,
                        new byte[][]{keys.session(id), keys.nodeIds(node)}, nodeBytes, member));
            }
        }
        await(releases);
    }

    /**
     * Takes the ids of a page of local sessions again. An id another node took meanwhile was claimed
     * by a client that reconnected there: the local session is the older one and is closed, so that
     * no session shows on two nodes. An id whose own registration failed is taken by force.
     */
    private void reclaim(List<Session> page, SessionRegistry sessions) {
        List<RedisFuture<byte[]>> owners = new ArrayList<>(page.size());
        List<Boolean> forced = new ArrayList<>(page.size());
        for (Session session : page) {
            boolean force = unpublished.remove(session.id());
            forced.add(force);
            owners.add(redis.async().eval(force ? DirectoryScripts.CLAIM : DirectoryScripts.RECLAIM, ScriptOutputType.VALUE,
                    new byte[][]{keys.session(session.id()), keys.nodeIds(node)}, nodeBytes, bytes(session.id())));
        }
        await(owners);
        for (int i = 0; i < page.size(); i++) {
            String id = page.get(i).id();
            String owner = text(owners.get(i).toCompletableFuture().getNow(null));
            if (forced.get(i)) {
                if (owner != null && !owner.equals(node)) {
                    displace.accept(owner, id);
                }
            } else if (owner != null && !owner.equals(node)) {
                LOG.log(Level.INFO, "session ''{0}'' moved to node ''{1}'' while node ''{2}'' was away from Redis: closed here",
                        id, owner, node);
                sessions.close(id);
            }
        }
    }

    private void purgeDeadNodes(RedisCommands<byte[], byte[]> sync) {
        List<byte[]> names = new ArrayList<>(sync.smembers(keys.nodes()));
        if (names.isEmpty()) {
            return;
        }
        byte[][] heartbeats = names.stream().map(name -> keys.heartbeat(text(name))).toArray(byte[][]::new);
        List<KeyValue<byte[], byte[]>> alive = sync.mget(heartbeats);
        for (int i = 0; i < names.size(); i++) {
            String name = text(names.get(i));
            if (!alive.get(i).hasValue() && !name.equals(node)) {
                long purged = purge(sync, name);
                if (purged >= 0) {
                    LOG.log(Level.INFO, "node ''{0}'' purged node ''{1}'', whose heartbeat expired, and its {2} sessions",
                            node, name, purged);
                }
            }
        }
    }

    private long purge(RedisCommands<byte[], byte[]> sync, String name) {
        Long purged = sync.eval(DirectoryScripts.PURGE, ScriptOutputType.INTEGER,
                new byte[][]{keys.heartbeat(name), keys.nodeIds(name), keys.nodes()}, bytes(name), bytes(keys.sessionPrefix()));
        return purged == null ? 0 : purged;
    }

    private byte[] heartbeat(int sessions) {
        return bytes(ProcessHandle.current().pid() + " " + sessions);
    }

    private void await(List<? extends RedisFuture<?>> futures) {
        if (!futures.isEmpty() && !LettuceFutures.awaitAll(config.callTimeout().toMillis() * 2, TimeUnit.MILLISECONDS,
                futures.toArray(new RedisFuture<?>[0]))) {
            throw new RedisException("Redis did not answer " + futures.size() + " directory commands in time");
        }
    }
}
