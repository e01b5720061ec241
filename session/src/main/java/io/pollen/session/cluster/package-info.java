/**
 * Where sessions live, across processes and boxes: the {@link io.pollen.session.cluster.SessionCluster}
 * SPI, the one-process {@link io.pollen.session.cluster.InProcessSessionCluster} every server uses by
 * default, the snapshots and node records that cross between nodes, and the typed failures of a routed
 * call. {@code pollen-cluster-redis} implements the SPI on Redis.
 */
package io.pollen.session.cluster;
