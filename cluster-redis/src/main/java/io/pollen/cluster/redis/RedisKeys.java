package io.pollen.cluster.redis;

import java.nio.charset.StandardCharsets;

/**
 * Every key and channel name of one cluster, under its prefix (see docs/CLUSTER.md for the table).
 * Immutable; safe from any thread.
 *
 * <pre>
 * {prefix}session:{id}       string  the node that holds session {id}
 * {prefix}node-ids:{node}    set     the ids {node} holds, so that others can purge it
 * {prefix}heartbeat:{node}   string  "{pid} {sessions}", expires after the node TTL
 * {prefix}nodes              set     the names of nodes that joined and were not purged yet
 * {prefix}incarnation:{node} counter one more each time a process connects under that name
 * {prefix}calls:{node}       channel calls routed to {node}
 * {prefix}replies:{node}:{n} channel answers to one cluster object's calls
 * </pre>
 */
final class RedisKeys {
    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    String sessionPrefix() {
        return prefix + "session:";
    }

    byte[] session(String id) {
        return bytes(sessionPrefix() + id);
    }

    byte[] nodeIds(String node) {
        return bytes(prefix + "node-ids:" + node);
    }

    byte[] heartbeat(String node) {
        return bytes(prefix + "heartbeat:" + node);
    }

    byte[] nodes() {
        return bytes(prefix + "nodes");
    }

    byte[] incarnation(String node) {
        return bytes(prefix + "incarnation:" + node);
    }

    byte[] calls(String node) {
        return bytes(callsPrefix() + node);
    }

    /** @return how every node's call channel begins; the node's name follows */
    String callsPrefix() {
        return prefix + "calls:";
    }

    byte[] replies(String node, String instance) {
        return bytes(prefix + "replies:" + node + ":" + instance);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
