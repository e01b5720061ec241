package io.pollen.cluster.redis;

import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.SendResult;
import io.pollen.session.Session;
import io.pollen.session.cluster.ClusterUnavailableException;
import io.pollen.session.cluster.NodeInfo;
import io.pollen.session.cluster.SessionCluster;
import io.pollen.session.cluster.SessionSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two and three session servers in one JVM, each with its own {@link RedisSessionCluster}, over a real
 * redis-server of the test's own: routing, displacement across nodes, unique assigned ids, and what
 * happens when a node dies or Redis restarts, stops and comes back. Timeouts of 10 s are the
 * guarantees of docs/CLUSTER.md with the default heartbeat (1 s) and node TTL (5 s).
 */
@ExtendWith({ClusterNode.HttpWarmUp.class, DescriptorLeakCheck.class})
class RedisSessionClusterTest {
    private static final String BACKEND = "epoll";
    private static final Duration GUARANTEE = Duration.ofSeconds(10);
    private static RedisTestServer redis;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        if (!redis.isRunning()) {
            redis.startAgain();
        }
        // Each test starts on an empty Redis; nodes of earlier tests are gone.
        redis.restart();
    }

    private ClusterNode node(String name) throws IOException {
        ClusterNode node = ClusterNode.start(redis.uri(), name, BACKEND);
        resources.add(node);
        return node;
    }

    private LineClient client(ClusterNode node, String id) {
        LineClient client = node.client();
        resources.add(client);
        assertThat(client.hello(id)).contains("\"type\":\"welcome\"", "\"session\":\"" + id + "\"");
        return client;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static void awaitRegistered(SessionCluster asker, String id, String node) {
        Await.until("'" + id + "' found on " + node, () -> answers(() -> asker.find(id).join()
                .map(found -> found.node().equals(node)).orElse(false)), GUARANTEE, () -> "not yet");
    }

    /** A condition over the cluster that counts as false while Redis is out of reach. */
    private static boolean answers(java.util.function.BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (java.util.concurrent.CompletionException notYet) {
            return false;
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findSendClosePageBroadcastAndNodesReachEveryNode() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        LineClient onA = client(a, "c-1");
        LineClient onB = client(b, "c-2");
        awaitRegistered(a.cluster, "c-2", "node-b");

        Optional<SessionSnapshot> found = await(a.cluster.find("c-2"));
        assertThat(found).get().extracting(SessionSnapshot::node).isEqualTo("node-b");
        assertThat(await(a.cluster.find("c-404"))).isEmpty();

        assertThat(await(a.cluster.send("c-2", utf8("{\"type\":\"note\",\"n\":1}")))).isEqualTo(SendResult.QUEUED);
        assertThat(onB.readFrame()).isEqualTo("{\"type\":\"note\",\"n\":1}");
        assertThat(await(a.cluster.send("c-404", utf8("{}")))).isEqualTo(SendResult.UNKNOWN_SESSION);

        assertThat(await(b.cluster.page(null, 10))).extracting(SessionSnapshot::id).containsExactly("c-1", "c-2");
        assertThat(await(b.cluster.page("c-1", 10))).extracting(SessionSnapshot::id).containsExactly("c-2");
        assertThat(await(b.cluster.page(null, 1))).extracting(SessionSnapshot::id).containsExactly("c-1");

        assertThat(await(a.cluster.broadcast(utf8("{\"type\":\"all\"}")))).isEqualTo(2);
        assertThat(onA.readFrame()).isEqualTo("{\"type\":\"all\"}");
        assertThat(onB.readFrame()).isEqualTo("{\"type\":\"all\"}");

        assertThat(await(a.cluster.nodes())).extracting(NodeInfo::node).containsExactly("node-a", "node-b");
        assertThat(await(a.cluster.nodes())).extracting(NodeInfo::pid).containsOnly(ProcessHandle.current().pid());

        assertThat(await(a.cluster.close("c-2"))).isTrue();
        assertThat(onB.closedByServer()).isTrue();
        Await.until("c-2 gone from the directory", () -> a.cluster.find("c-2").join().isEmpty(), GUARANTEE, () -> "still there");
        assertThat(await(a.cluster.close("c-2"))).isFalse();
    }

    @Test
    void aRestGatewayOnOneNodeReachesASessionOnAnother() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        LineClient onB = client(b, "c-7");
        awaitRegistered(a.cluster, "c-7", "node-b");

        String message = "{\"type\":\"note\",\"text\":\"caf\u00e9 \\u2603\",\"list\":[1, 2.5e3, null]}";
        HttpResponse<String> post = a.post("/sessions/c-7/messages", message);
        assertThat(post.statusCode()).isEqualTo(202);
        assertThat(onB.readFrame()).isEqualTo(message);

        HttpResponse<String> get = a.get("/sessions/c-7");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("\"id\":\"c-7\"", "\"node\":\"node-b\"");
        assertThat(a.get("/sessions/c-404").statusCode()).isEqualTo(404);
        assertThat(a.post("/sessions/c-404/messages", "{}").statusCode()).isEqualTo(404);
        assertThat(a.get("/nodes").body()).contains("\"node\":\"node-a\"", "\"node\":\"node-b\"");
        // Other nodes' counts are those of their last heartbeat.
        Await.until("/health counts the whole cluster", () -> answers(() -> {
            try {
                return a.get("/health").body().contains("\"sessions\":1,\"nodes\":2");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }), GUARANTEE, () -> "not yet");

        assertThat(a.delete("/sessions/c-7").statusCode()).isEqualTo(204);
        assertThat(onB.closedByServer()).isTrue();
    }

    @Test
    void aHelloWithAnIdHeldOnAnotherNodeClosesTheSessionThere() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        LineClient first = client(a, "c-42");
        awaitRegistered(b.cluster, "c-42", "node-a");

        LineClient second = client(b, "c-42");

        assertThat(first.closedByServer()).isTrue();
        Await.until("node-a's session c-42 closed", () -> a.closed.contains("c-42") && a.server.registry().find("c-42").isEmpty());
        awaitRegistered(a.cluster, "c-42", "node-b");
        assertThat(await(a.cluster.send("c-42", utf8("{\"type\":\"here\"}")))).isEqualTo(SendResult.QUEUED);
        assertThat(second.readFrame()).isEqualTo("{\"type\":\"here\"}");
        assertThat(await(a.cluster.page(null, 10))).extracting(SessionSnapshot::node).containsExactly("node-b");
    }

    @Test
    void idsAssignedByTwoNodesNeverCollideNorDoThoseOfARestartedNode() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        String firstPrefixOfA = a.cluster.assignedIdPrefix();
        for (int i = 0; i < 3; i++) {
            resources.add(a.client());
            resources.add(b.client());
        }
        Await.until("three sessions on each node", () -> a.server.registry().size() == 3 && b.server.registry().size() == 3);

        Set<String> ids = new HashSet<>();
        for (Session session : a.server.registry().page(null, 10)) {
            assertThat(session.id()).startsWith("s-node-a-");
            ids.add(session.id());
        }
        for (Session session : b.server.registry().page(null, 10)) {
            assertThat(session.id()).startsWith("s-node-b-");
            ids.add(session.id());
        }
        assertThat(ids).hasSize(6);
        resources.remove(a);
        a.close();
        ClusterNode again = node("node-a");
        assertThat(again.cluster.assignedIdPrefix()).startsWith("s-node-a-").isNotEqualTo(firstPrefixOfA);
    }

    @Test
    void aNodeThatDiesWithoutLeavingVanishesWithItsSessionsWithinTenSeconds() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        client(b, "c-1");
        client(b, "c-2");
        awaitRegistered(a.cluster, "c-2", "node-b");

        b.crash();
        resources.remove(b);

        Await.until("node-b gone from the nodes", () -> a.cluster.nodes().join().stream().noneMatch(n -> n.node().equals("node-b")),
                GUARANTEE, () -> a.cluster.nodes().join().toString());
        Await.until("node-b's sessions gone from the directory", () -> answers(() -> a.cluster.find("c-1").join().isEmpty()
                && a.cluster.find("c-2").join().isEmpty()), GUARANTEE, () -> "still there");
        assertThat(await(a.cluster.page(null, 10))).isEmpty();
    }

    @Test
    void afterRedisRestartsEmptyEveryNodeRegistersAgainAndRoutingWorks() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        LineClient onB = client(b, "c-9");
        client(a, "c-8");
        awaitRegistered(a.cluster, "c-9", "node-b");

        redis.restart();

        awaitRegistered(a.cluster, "c-9", "node-b");
        awaitRegistered(b.cluster, "c-8", "node-a");
        Await.until("both nodes listed again", () -> answers(() -> a.cluster.nodes().join().size() == 2), GUARANTEE, () -> "not yet");
        assertThat(a.post("/sessions/c-9/messages", "{\"type\":\"back\"}").statusCode()).isEqualTo(202);
        assertThat(onB.readFrame()).isEqualTo("{\"type\":\"back\"}");
    }

    @Test
    void whileRedisIsDownRoutedCallsFailAsUnavailableAndLocalOnesWorkThenNodesRegisterAgain() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        LineClient onA = client(a, "c-1");
        LineClient onB = client(b, "c-2");
        awaitRegistered(a.cluster, "c-2", "node-b");

        redis.stop();

        assertThatThrownBy(() -> a.cluster.send("c-2", utf8("{}")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + redis.port());
        HttpResponse<String> remote = a.post("/sessions/c-2/messages", "{}");
        assertThat(remote.statusCode()).isEqualTo(503);
        assertThat(remote.body()).contains("cluster_unavailable");
        assertThat(a.post("/sessions/c-1/messages", "{\"type\":\"local\"}").statusCode()).isEqualTo(202);
        assertThat(onA.readFrame()).isEqualTo("{\"type\":\"local\"}");
        LineClient late = client(a, "c-3");

        redis.startAgain();

        awaitRegistered(b.cluster, "c-1", "node-a");
        awaitRegistered(b.cluster, "c-3", "node-a");
        awaitRegistered(a.cluster, "c-2", "node-b");
        assertThat(await(a.cluster.send("c-2", utf8("{\"type\":\"again\"}")))).isEqualTo(SendResult.QUEUED);
        assertThat(onB.readFrame()).isEqualTo("{\"type\":\"again\"}");
        assertThat(await(b.cluster.send("c-3", utf8("{\"type\":\"late\"}")))).isEqualTo(SendResult.QUEUED);
        assertThat(late.readFrame()).isEqualTo("{\"type\":\"late\"}");
    }

    @Test
    void aNodeThatLosesRedisIsPurgedThenRegistersAgainAndClosesSessionsThatMovedMeanwhile() throws Exception {
        CuttableProxy proxy = new CuttableProxy(redis.port());
        resources.add(proxy);
        ClusterNode a = ClusterNode.start(proxy.uri(), "node-a", BACKEND);
        resources.add(a);
        ClusterNode b = node("node-b");
        LineClient movesAway = client(a, "c-1");
        LineClient staysOnA = client(a, "c-2");
        awaitRegistered(b.cluster, "c-2", "node-a");

        proxy.cut();
        // The client reconnects to b while a cannot hear of it: for a while both nodes have a c-1.
        LineClient movedToB = client(b, "c-1");
        Await.until("node-a purged by node-b", () -> answers(() -> b.cluster.nodes().join().stream()
                .noneMatch(n -> n.node().equals("node-a"))), GUARANTEE, () -> "node-a still listed");
        Await.until("node-a's c-2 purged by node-b", () -> answers(() -> b.cluster.find("c-2").join().isEmpty()),
                GUARANTEE, () -> "still there");
        assertThat(await(a.cluster.send("c-2", utf8("{\"type\":\"local\"}")))).isEqualTo(SendResult.QUEUED);
        assertThat(staysOnA.readFrame()).isEqualTo("{\"type\":\"local\"}");

        proxy.heal();

        awaitRegistered(b.cluster, "c-2", "node-a");
        assertThat(movesAway.closedByServer()).isTrue();
        // The client sees the close before the loop takes the session out of the registry.
        Await.until("node-a's older c-1 to leave its registry", () -> a.server.registry().find("c-1").isEmpty(),
                GUARANTEE, () -> "still " + a.server.registry().find("c-1"));
        awaitRegistered(a.cluster, "c-1", "node-b");
        assertThat(await(a.cluster.send("c-1", utf8("{\"type\":\"moved\"}")))).isEqualTo(SendResult.QUEUED);
        assertThat(movedToB.readFrame()).isEqualTo("{\"type\":\"moved\"}");
        assertThat(await(b.cluster.nodes())).extracting(NodeInfo::node).containsExactly("node-a", "node-b");
    }

    @Test
    void aFileRegionForAnotherNodeIsRoutedAsASendAndTheFileClosedOnceQueued() throws Exception {
        ClusterNode a = node("node-a");
        ClusterNode b = node("node-b");
        LineClient onB = client(b, "c-1");
        awaitRegistered(a.cluster, "c-1", "node-b");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pollen-region", ".json");
        try {
            java.nio.file.Files.writeString(file, "xx{\"type\":\"file\"}yy");
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file);

            assertThat(await(a.cluster.sendFile("c-1", channel, 2, 15))).isEqualTo(SendResult.QUEUED);

            assertThat(onB.readFrame()).isEqualTo("{\"type\":\"file\"}");
            assertThat(channel.isOpen()).isFalse();
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void aMessageLongerThanTheRoutedLimitIsRefusedForAnotherNodeButNotForThisOne() throws Exception {
        ClusterNode a = ClusterNode.start(new RedisClusterConfig().uri(redis.uri()).nodeName("node-a").maxRoutedPayload(32), BACKEND);
        resources.add(a);
        ClusterNode b = node("node-b");
        LineClient onA = client(a, "c-1");
        client(b, "c-2");
        awaitRegistered(a.cluster, "c-2", "node-b");
        String longer = "{\"type\":\"note\",\"text\":\"more than thirty-two bytes\"}";

        HttpResponse<String> remote = a.post("/sessions/c-2/messages", longer);
        assertThat(remote.statusCode()).isEqualTo(413);
        assertThat(remote.body()).contains("node-b");
        assertThatThrownBy(() -> a.cluster.broadcast(utf8(longer)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(io.pollen.session.cluster.RoutedPayloadTooLargeException.class);
        assertThat(a.post("/sessions/c-1/messages", longer).statusCode()).isEqualTo(202);
        assertThat(onA.readFrame()).isEqualTo(longer);
    }

    @Test
    void aNodeNameAliveInTheClusterIsRefusedAtJoin() throws Exception {
        node("node-a");

        assertThatThrownBy(() -> node("node-a")).isInstanceOf(IOException.class)
                .hasMessageContaining("node name 'node-a' is already alive in the cluster at redis://127.0.0.1:" + redis.port());
    }

    @Test
    void anUnreachableRedisIsRefusedAtConnectWithAddressAndCause() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        RedisClusterConfig config = new RedisClusterConfig().uri("redis://user:hunter2@127.0.0.1:" + closedPort).nodeName("x");

        assertThatThrownBy(() -> RedisSessionCluster.connect(config)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach Redis at redis://user:***@127.0.0.1:" + closedPort)
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aClusterThatNeverJoinsRoutesEveryCallToTheNodes() throws Exception {
        ClusterNode a = node("node-a");
        LineClient onA = client(a, "c-5");
        try (RedisSessionCluster supervisor = RedisSessionCluster.connect(new RedisClusterConfig().uri(redis.uri())
                .nodeName("supervisor"))) {
            awaitRegistered(supervisor, "c-5", "node-a");
            assertThat(await(supervisor.nodes())).extracting(NodeInfo::node).containsExactly("node-a");
            assertThat(await(supervisor.send("c-5", utf8("{\"type\":\"via\"}")))).isEqualTo(SendResult.QUEUED);
            assertThat(onA.readFrame()).isEqualTo("{\"type\":\"via\"}");
            assertThat(await(supervisor.broadcast(utf8("{\"type\":\"b\"}")))).isEqualTo(1);
            assertThat(await(supervisor.page(null, 5))).extracting(SessionSnapshot::id).containsExactly("c-5");
        }
    }
}
