package io.pollen.cluster.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ids this node's sessions took and gave up since the last flush, as the event loops reported
 * them, folded into one batch per flush: per id only its last change counts (a session that takes an
 * id and gives it up before the flush costs Redis one release, not a claim and a release), and a flush
 * sends every claim in one script call and every release in another, however many sessions connected
 * meanwhile. So a connection storm costs Redis a few calls per flush interval rather than several per
 * connection.
 *
 * <h2>Threading</h2>
 * {@link #claimed} and {@link #released} are called on any thread (event loops) and never block;
 * {@link #drain} is called by one thread at a time (the cluster's flush task).
 */
final class DirectoryChanges {
    /** One change, as reported. */
    private record Change(String id, boolean claim) {
    }

    /**
     * What a flush sends.
     *
     * @param claims   ids to take, in the order they were first changed
     * @param releases ids to give up, in the same order
     */
    record Batch(List<String> claims, List<String> releases) {
        boolean isEmpty() {
            return claims.isEmpty() && releases.isEmpty();
        }
    }

    private final ConcurrentLinkedQueue<Change> pending = new ConcurrentLinkedQueue<>();

    /** @param id an id a session of this node took */
    void claimed(String id) {
        pending.add(new Change(id, true));
    }

    /** @param id an id a session of this node gave up */
    void released(String id) {
        pending.add(new Change(id, false));
    }

    /** @return every change since the last drain, folded: each id once, with its last change */
    Batch drain() {
        Map<String, Boolean> last = new LinkedHashMap<>();
        for (Change change; (change = pending.poll()) != null; ) {
            last.put(change.id(), change.claim());
        }
        List<String> claims = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        last.forEach((id, claim) -> (claim ? claims : releases).add(id));
        return new Batch(claims, releases);
    }

    /** Forgets what is pending: the node is leaving, and its ids go with it. */
    void clear() {
        pending.clear();
    }
}
