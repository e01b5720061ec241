package io.pollen.cluster.redis;

import io.pollen.session.cluster.InProcessSessionCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings' defaults and checks, and what a URI looks like in a message. No Redis needed. */
class RedisClusterConfigTest {

    @Test
    void defaultsAreTheDocumentedOnesAndTheNodeIsNamedAfterHostAndPid() {
        RedisClusterConfig config = new RedisClusterConfig().conclude();

        assertThat(config.uri()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.nodeName()).isEqualTo(InProcessSessionCluster.defaultNodeName());
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.nodeTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxRoutedPayload()).isEqualTo(16L * 1024 * 1024 + 64);
        assertThat(config.keyPrefix()).isEqualTo("pollen:");
        assertThat(config.directoryFlushInterval()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> new RedisClusterConfig().uri("http://127.0.0.1:6379").conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://");
        assertThatThrownBy(() -> new RedisClusterConfig().nodeName("two words").conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeName");
        assertThatThrownBy(() -> new RedisClusterConfig().callTimeout(Duration.ZERO).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> new RedisClusterConfig().heartbeatInterval(Duration.ofSeconds(3)).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodeTtl (5000 ms) must be at least twice");
        assertThatThrownBy(() -> new RedisClusterConfig().maxRoutedPayload(64L * 1024 * 1024).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRoutedPayload");
        assertThatThrownBy(() -> new RedisClusterConfig().directoryFlushInterval(Duration.ofSeconds(2)).conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("directoryFlushInterval (2000 ms)");
    }

    @Test
    void aPasswordNeverShowsInAMessage() {
        assertThat(RedisAddress.redact("redis://alice:s3cret@10.0.0.1:6379/2")).isEqualTo("redis://alice:***@10.0.0.1:6379/2");
        assertThat(RedisAddress.redact("rediss://s3cret@host:6380")).isEqualTo("rediss://***@host:6380");
        assertThat(RedisAddress.redact("redis://host:6379")).isEqualTo("redis://host:6379");
        assertThatThrownBy(() -> new RedisClusterConfig().uri("ftp://bob:hunter2@host").conclude())
                .hasMessageNotContaining("hunter2");
    }
}
