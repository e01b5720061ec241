package io.pollen.cluster.redis;

import io.pollen.codec.json.JsonMessage;
import io.pollen.session.Session;
import io.pollen.session.SessionHandler;
import io.pollen.session.SessionServer;
import io.pollen.session.rest.RestGateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One node of a test cluster: a session server on loopback joined to its own {@link RedisSessionCluster},
 * with a REST gateway, recording the sessions that closed. Not thread-safe; closed by the test.
 */
final class ClusterNode implements AutoCloseable {

    final RedisSessionCluster cluster;
    final SessionServer server;
    final RestGateway rest;
    final List<String> closed = new CopyOnWriteArrayList<>();

    private ClusterNode(RedisSessionCluster cluster, String backend) throws IOException {
        this.cluster = cluster;
        this.server = SessionServer.builder().reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0)).cluster(cluster).handler(new SessionHandler() {
                    @Override
                    public void onMessage(Session session, JsonMessage message) {
                    }

                    @Override
                    public void onSessionClosed(Session session, Throwable cause) {
                        closed.add(session.id());
                    }
                }).build();
        RestGateway gateway;
        try {
            gateway = RestGateway.start(server, new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.rest = gateway;
    }

    /** Connects a cluster to {@code redis} as {@code name} and starts a server on it. */
    static ClusterNode start(String redisUri, String name, String backend) throws IOException {
        return start(new RedisClusterConfig().uri(redisUri).nodeName(name), backend);
    }

    static ClusterNode start(RedisClusterConfig config, String backend) throws IOException {
        RedisSessionCluster cluster = RedisSessionCluster.connect(config);
        try {
            return new ClusterNode(cluster, backend);
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    LineClient client() {
        return LineClient.connect(server.localAddress());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return Http.CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return Http.CLIENT.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return Http.CLIENT.send(HttpRequest.newBuilder(uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The JDK's client holds a selector until the JVM exits, so it is made once, and only by tests that
     * call REST (before their descriptor baseline: see {@link HttpWarmUp}).
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Creates the shared HTTP client before a test class, so that a {@code DescriptorLeakCheck} registered
     * after this extension does not count its selector.
     */
    static final class HttpWarmUp implements org.junit.jupiter.api.extension.BeforeAllCallback {
        @Override
        public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            Http.CLIENT.version();
        }
    }

    private URI uri(String path) {
        InetSocketAddress address = rest.localAddress();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    /** Stops as a SIGKILL would, for the cluster: no heartbeat, no cleanup in Redis. */
    void crash() {
        cluster.crash();
        rest.close();
        server.close();
    }

    @Override
    public void close() {
        rest.close();
        server.close();
    }
}
