/**
 * {@link io.pollen.cluster.redis.RedisSessionCluster}: the {@link io.pollen.session.cluster.SessionCluster}
 * SPI on Redis, through the Lettuce client, configured by {@link io.pollen.cluster.redis.RedisClusterConfig}.
 * Redis holds a directory of session ids to node names, one heartbeat key per node, and one pub/sub
 * channel per node over which calls for its sessions arrive; it stores no message. docs/CLUSTER.md
 * describes the keys, the failure modes and what is guaranteed.
 */
package io.pollen.cluster.redis;
