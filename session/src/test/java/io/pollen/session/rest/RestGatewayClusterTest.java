package io.pollen.session.rest;

import io.pollen.session.SendResult;
import io.pollen.session.SessionRegistry;
import io.pollen.session.cluster.ClusterTimeoutException;
import io.pollen.session.cluster.ClusterUnavailableException;
import io.pollen.session.cluster.NodeInfo;
import io.pollen.session.cluster.RoutedPayloadTooLargeException;
import io.pollen.session.cluster.SessionCluster;
import io.pollen.session.cluster.SessionSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the gateway answers when the cluster behind it fails, with a cluster whose every call ends the
 * way a test says: the node holding a session is silent (504), the routing layer is out of reach (503),
 * a message is too long to route (413). A gateway that holds no sessions (a supervisor's) serves it.
 */
class RestGatewayClusterTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeIs504() throws Exception {
        start(new FailingCluster(CompletableFuture::new), Duration.ofMillis(200));

        HttpResponse<String> get = get("/sessions/c-1");
        HttpResponse<String> post = post("/sessions/c-1/messages", "{\"type\":\"note\"}");

        assertThat(get.statusCode()).isEqualTo(504);
        assertThat(get.body()).startsWith("{\"error\":\"node_timeout\",\"message\":\"the cluster did not answer where "
                + "session 'c-1' is within 200 ms");
        assertThat(post.statusCode()).isEqualTo(504);
    }

    @Test
    void aSpooledMessageWhoseNodeAnswersLateIs504AndItsFileFollowsTheLateAnswer() throws Exception {
        List<CompletableFuture<SendResult>> pending = new java.util.concurrent.CopyOnWriteArrayList<>();
        FailingCluster cluster = new FailingCluster(() -> {
            CompletableFuture<SendResult> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        });
        start(cluster, Duration.ofMillis(200), config -> config.spoolThreshold(16));
        String json = "{\"type\":\"note\",\"text\":\"longer than the spool threshold\"}";

        HttpResponse<String> refusedLate = post("/sessions/c-1/messages", json);
        FileChannel refusedFile = cluster.lastFile;
        HttpResponse<String> queuedLate = post("/sessions/c-1/messages", json);
        FileChannel queuedFile = cluster.lastFile;

        assertThat(refusedLate.statusCode()).isEqualTo(504);
        assertThat(queuedLate.statusCode()).isEqualTo(504);
        // The request gave up waiting, but the cluster may still take the file: it must stay open.
        assertThat(refusedFile.isOpen()).isTrue();
        assertThat(queuedFile.isOpen()).isTrue();
        pending.get(0).complete(SendResult.REJECTED_FULL);
        pending.get(1).complete(SendResult.QUEUED);
        assertThat(refusedFile.isOpen()).as("closed by the gateway once refused").isFalse();
        assertThat(queuedFile.isOpen()).as("the cluster's to close once queued").isTrue();
        queuedFile.close();
    }

    @Test
    void aRoutedCallThatTimesOutAtTheNodeIs504NamingIt() throws Exception {
        start(new FailingCluster(() -> CompletableFuture.failedFuture(
                new ClusterTimeoutException("box2-7", Duration.ofSeconds(2)))), Duration.ofSeconds(5));

        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/sessions/c-1")).DELETE());

        assertThat(delete.statusCode()).isEqualTo(504);
        assertThat(delete.body()).contains("node 'box2-7' did not answer within 2000 ms");
    }

    @Test
    void anUnreachableRoutingLayerIs503ForSessionsAndLists() throws Exception {
        start(new FailingCluster(() -> CompletableFuture.failedFuture(
                new ClusterUnavailableException("Redis at 127.0.0.1:6390 is unreachable", null))), Duration.ofSeconds(5));

        for (HttpResponse<String> answer : List.of(get("/sessions/c-1"), get("/sessions"), get("/nodes"),
                post("/sessions/c-1/messages", "{}"), post("/broadcast", "{}"))) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(503);
            assertThat(answer.body()).as(answer.uri().toString())
                    .startsWith("{\"error\":\"cluster_unavailable\",\"message\":\"Redis at 127.0.0.1:6390 is unreachable;");
        }
    }

    @Test
    void aMessageTooLongToRouteIs413() throws Exception {
        start(new FailingCluster(() -> CompletableFuture.failedFuture(
                new RoutedPayloadTooLargeException("box2-7", 2, 1))), Duration.ofSeconds(5));

        HttpResponse<String> post = post("/sessions/c-1/messages", "{}");

        assertThat(post.statusCode()).isEqualTo(413);
        assertThat(post.body()).contains("the session is on node 'box2-7'");
    }

    private void start(SessionCluster cluster, Duration clusterTimeout) throws IOException {
        start(cluster, clusterTimeout, config -> { });
    }

    private void start(SessionCluster cluster, Duration clusterTimeout, java.util.function.Consumer<RestGatewayConfig> settings)
            throws IOException {
        RestGatewayConfig config = new RestGatewayConfig().bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .clusterTimeout(clusterTimeout);
        settings.accept(config);
        gateway = RestGateway.start(cluster, "epoll", 1024, config);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.localAddress().getPort() + path);
    }

    /** A cluster none of whose routed calls succeeds: each returns what {@code outcome} makes. */
    private static final class FailingCluster implements SessionCluster {
        private final Supplier<CompletableFuture<?>> outcome;
        /** The file of the latest {@link #sendFile}. */
        volatile FileChannel lastFile;

        FailingCluster(Supplier<CompletableFuture<?>> outcome) {
            this.outcome = outcome;
        }

        @SuppressWarnings("unchecked")
        private <T> CompletableFuture<T> fail() {
            return (CompletableFuture<T>) outcome.get();
        }

        @Override
        public String nodeName() {
            return "supervisor";
        }

        @Override
        public String assignedIdPrefix() {
            return "s-";
        }

        @Override
        public void join(SessionRegistry local) {
            throw new UnsupportedOperationException("a gateway never joins");
        }

        @Override
        public void registered(String id) {
        }

        @Override
        public void unregistered(String id) {
        }

        @Override
        public CompletableFuture<Optional<SessionSnapshot>> find(String id) {
            return fail();
        }

        @Override
        public CompletableFuture<List<SessionSnapshot>> page(String afterId, int limit) {
            return fail();
        }

        @Override
        public CompletableFuture<SendResult> send(String id, ByteBuffer payload) {
            return fail();
        }

        @Override
        public CompletableFuture<SendResult> sendFile(String id, FileChannel file, long position, long length) {
            lastFile = file;
            return fail();
        }

        @Override
        public CompletableFuture<Boolean> close(String id) {
            return fail();
        }

        @Override
        public CompletableFuture<Integer> broadcast(ByteBuffer payload) {
            return fail();
        }

        @Override
        public CompletableFuture<List<NodeInfo>> nodes() {
            return fail();
        }

        @Override
        public void close() {
        }
    }
}
