package io.pollen.cluster.redis;

import io.pollen.session.SendResult;
import io.pollen.session.SessionRegistry;
import io.pollen.session.cluster.SessionSnapshot;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.pollen.cluster.redis.RedisKeys.text;

/**
 * Answers the calls other nodes route to this one, on the local registry, and publishes each answer on
 * the caller's reply channel. Runs on a Lettuce thread as messages arrive: every registry call it makes
 * returns at once, and Redis is reached only asynchronously. Safe from any thread.
 */
final class CallAnswerer {
    private static final System.Logger LOG = System.getLogger(CallAnswerer.class.getName());

    private final RedisLink redis;
    private final RedisKeys keys;
    private final String node;
    private final SessionRegistry local;

    CallAnswerer(RedisLink redis, RedisKeys keys, String node, SessionRegistry local) {
        this.redis = redis;
        this.keys = keys;
        this.node = node;
        this.local = local;
    }

    /** @param message a message from this node's call channel */
    void answer(byte[] message) {
        RoutedCall call;
        try {
            call = RoutedCall.decode(message);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "node ''{0}'' dropped a message on its call channel that is not a call: {1}", node, e.getMessage());
            return;
        }
        byte[] body = switch (call.kind()) {
            case FIND -> SnapshotBodies.one(local.find(call.id()).map(session -> SessionSnapshot.of(session, node)));
            case PAGE -> SnapshotBodies.page(page(call.id(), call.limit()));
            case SEND -> local.send(call.id(), call.payload()).name().getBytes(StandardCharsets.US_ASCII);
            case CLOSE -> new byte[]{(byte) (local.close(call.id()) ? 1 : 0)};
            case BROADCAST -> ByteBuffer.allocate(4).putInt(local.broadcast(call.payload())).array();
            case DISPLACE -> null;
        };
        if (body == null) {
            displaced(call.id());
            return;
        }
        redis.call("answering a call", () -> redis.async().publish(call.replyTo(), RoutedCall.reply(call.callId(), body)))
                .whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        // The caller times out: the call took effect here, its answer is lost.
                        LOG.log(Level.WARNING, "node ''{0}'' could not answer a {1} call: {2}", node, call.kind(), failure.getMessage());
                    }
                });
    }

    private List<SessionSnapshot> page(String afterId, int limit) {
        return local.page(afterId, Math.max(0, limit)).stream().map(session -> SessionSnapshot.of(session, node)).toList();
    }

    /**
     * Another node took {@code id}. The local session is closed only if the directory no longer names
     * this node: a client that came back here since then keeps its new session.
     */
    private void displaced(String id) {
        redis.call("checking who holds session '" + id + "'", () -> redis.async().get(keys.session(id)))
                .whenComplete((owner, failure) -> {
                    String holder = failure == null ? text(owner) : null;
                    if (failure == null && !node.equals(holder) && local.close(id)) {
                        LOG.log(Level.DEBUG, "session ''{0}'' closed on node ''{1}'': its client reconnected to node ''{2}''",
                                id, node, holder);
                    }
                });
    }

    /** @return the result a send reply names */
    static SendResult sendResult(ByteBuffer body) {
        byte[] name = new byte[body.remaining()];
        body.get(name);
        return SendResult.valueOf(new String(name, StandardCharsets.US_ASCII));
    }
}
