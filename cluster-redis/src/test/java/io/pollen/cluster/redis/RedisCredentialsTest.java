package io.pollen.cluster.redis;

import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.cluster.NodeInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code redis://user:password@host:port} against a Redis whose ACL has that user and no anonymous
 * access: it works as Redis clients expect, and a wrong password is refused at connect, clearly and
 * without showing the password.
 */
@ExtendWith(DescriptorLeakCheck.class)
class RedisCredentialsTest {
    private static RedisTestServer redis;

    @BeforeAll
    static void startRedisWithAnAclUser() {
        // The user has the rights docs/CLUSTER.md advises: the cluster's keys and channels only.
        // The harness's PING comes as the default user, so that one may only PING.
        redis = RedisTestServer.start(List.of("--user", "default", "on", "nopass", "-@all", "+ping",
                "--user", "pollen", "on", ">s3cret", "~pollen:*", "resetchannels", "&pollen:*",
                "+@read", "+@write", "+@pubsub", "+@scripting", "+ping"));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private String uri(String userInfo) {
        return "redis://" + userInfo + "@127.0.0.1:" + redis.port();
    }

    @Test
    void aUserAndPasswordInTheUriAreUsedToJoin() throws Exception {
        try (ClusterNode node = ClusterNode.start(uri("pollen:s3cret"), "acl-node", "epoll")) {
            assertThat(node.cluster.nodes().get(10, TimeUnit.SECONDS)).extracting(NodeInfo::node).containsExactly("acl-node");
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtConnectNamingTheAddressButNotThePassword() {
        RedisClusterConfig config = new RedisClusterConfig().uri(uri("pollen:wrong-one")).nodeName("acl-node");

        assertThatThrownBy(() -> RedisSessionCluster.connect(config)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach Redis at redis://pollen:***@127.0.0.1:" + redis.port())
                .hasMessageContaining("WRONGPASS")
                .hasMessageNotContaining("wrong-one");
    }

    @Test
    void noCredentialsAreRefusedAtConnectWithRedisOwnReason() {
        RedisClusterConfig config = new RedisClusterConfig().uri(redis.uri()).nodeName("acl-node");

        assertThatThrownBy(() -> RedisSessionCluster.connect(config)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot use Redis at redis://127.0.0.1:" + redis.port())
                .hasMessageContaining("NOPERM");
    }
}
