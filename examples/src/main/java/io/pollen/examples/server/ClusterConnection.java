package io.pollen.examples.server;

import io.pollen.cluster.redis.RedisClusterConfig;
import io.pollen.cluster.redis.RedisSessionCluster;
import io.pollen.session.cluster.SessionCluster;

import java.io.IOException;

/**
 * How the example server reaches its cluster: {@code --redis} becomes a {@link RedisSessionCluster}
 * with the library's defaults (heartbeat, node TTL, call timeout) and this node's name.
 *
 * <p>Stateless; safe from any thread.
 */
public final class ClusterConnection {
    private ClusterConnection() {
    }

    /**
     * @param config the server's settings, with {@link ExampleServerConfig#redisUri()} set
     * @param node   the name to connect under
     * @return the connected cluster, not joined
     * @throws IOException naming the Redis address and the cause if it cannot be reached
     */
    public static SessionCluster connect(ExampleServerConfig config, String node) throws IOException {
        return RedisSessionCluster.connect(new RedisClusterConfig().uri(config.redisUri()).nodeName(node));
    }
}
