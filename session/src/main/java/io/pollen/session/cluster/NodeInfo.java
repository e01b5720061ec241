package io.pollen.session.cluster;

import java.util.Objects;

/**
 * One live node of a cluster, as {@code GET /nodes} shows it. Immutable; safe from any thread.
 *
 * @param node     its name
 * @param pid      its process id
 * @param sessions how many sessions it held at its last heartbeat (at once for this process's own node)
 */
public record NodeInfo(String node, long pid, long sessions) {
    /** Checks the name. */
    public NodeInfo {
        Objects.requireNonNull(node, "node");
    }
}
