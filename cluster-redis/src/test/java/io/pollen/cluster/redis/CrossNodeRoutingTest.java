package io.pollen.cluster.redis;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.SendResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-node path on every backend: a message routed from one node's REST gateway to a session on
 * another, and a hello that takes an id from another node. The rest of the cluster's behaviour does not
 * depend on the backend and runs on epoll only ({@link RedisSessionClusterTest}).
 */
@ParameterizedClass(name = "{0}")
@FieldSource("BACKENDS")
@ExtendWith({ClusterNode.HttpWarmUp.class, DescriptorLeakCheck.class})
class CrossNodeRoutingTest {
    static final List<String> BACKENDS = BackendAliases.AUTO_PREFERENCE;
    private static RedisTestServer redis;
    private final String backend;

    CrossNodeRoutingTest(String backend) {
        this.backend = backend;
    }

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aMessageAndAHelloCrossFromOneNodeToAnother() throws Exception {
        try (ClusterNode a = ClusterNode.start(redis.uri(), "a-" + backend, backend);
             ClusterNode b = ClusterNode.start(redis.uri(), "b-" + backend, backend);
             LineClient onB = b.client();
             LineClient again = a.client()) {
            String id = "c-" + backend;
            assertThat(onB.hello(id)).contains("\"session\":\"" + id + "\"");
            Await.until(id + " on b", () -> a.cluster.find(id).join().isPresent(), Duration.ofSeconds(10), () -> "not yet");

            assertThat(a.post("/sessions/" + id + "/messages", "{\"type\":\"note\"}").statusCode()).isEqualTo(202);
            assertThat(onB.readFrame()).isEqualTo("{\"type\":\"note\"}");

            assertThat(again.hello(id)).contains("\"session\":\"" + id + "\"");
            assertThat(onB.closedByServer()).isTrue();
            Await.until(id + " back on a", () -> b.cluster.find(id).join().map(s -> s.node().equals("a-" + backend)).orElse(false),
                    Duration.ofSeconds(10), () -> "not yet");
            assertThat(b.cluster.send(id, ByteBuffer.wrap("{\"type\":\"back\"}".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS)).isEqualTo(SendResult.QUEUED);
            assertThat(again.readFrame()).isEqualTo("{\"type\":\"back\"}");
        }
    }
}
