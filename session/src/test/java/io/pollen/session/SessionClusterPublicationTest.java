package io.pollen.session;

import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.cluster.InProcessSessionCluster;
import io.pollen.session.cluster.NodeInfo;
import io.pollen.session.cluster.SessionCluster;
import io.pollen.session.cluster.SessionSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a server tells its {@link SessionCluster}, over real sockets on every backend: it joins before a
 * client can connect and leaves at shutdown; every id a session takes is published before the one it
 * gives up is withdrawn, so the session is never missing from the directory; a displaced session never
 * withdraws the id its successor now holds; assigned ids begin with the cluster's prefix.
 */
@OnEveryBackend
@ExtendWith(DescriptorLeakCheck.class)
class SessionClusterPublicationTest {
    private final String backend;
    private final RecordingCluster cluster = new RecordingCluster();
    private SessionServer server;

    SessionClusterPublicationTest(String backend) {
        this.backend = backend;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown(Duration.ZERO);
        }
    }

    @Test
    void everyIdTakenIsPublishedBeforeTheOneGivenUpIsWithdrawnAndADisplacedSessionWithdrawsNothing() throws Exception {
        server = start();
        assertThat(cluster.events).containsExactly("join");

        try (NetstringClient first = NetstringClient.connect(server.localAddress())) {
            String welcome = first.hello("c-1");
            assertThat(welcome).contains("\"session\":\"c-1\"");
            String assigned = awaitEvent(0, "registered ");
            assertThat(assigned).startsWith("registered s-test-");
            awaitEvent(1, "registered c-1");
            awaitEvent(2, "unregistered " + assigned.substring("registered ".length()));

            try (NetstringClient second = NetstringClient.connect(server.localAddress())) {
                second.hello("c-1"); // replaces the first client's session
                assertThat(first.closedByServer()).isTrue();
                awaitEvent(3, "registered s-test-");
                awaitEvent(4, "registered c-1");
                awaitEvent(5, "unregistered s-test-");
                assertThat(server.registry().find("c-1")).isPresent();
            }
        }
        awaitEvent(6, "unregistered c-1");
        Await.until("the last session to leave the registry", () -> server.registry().size() == 0);
        assertThat(cluster.events.stream().filter(e -> e.equals("unregistered c-1"))).as("only the holder gives it up").hasSize(1);

        server.shutdown(Duration.ofSeconds(5));
        assertThat(cluster.events).endsWith("close");
    }

    @Test
    void aClusterThatCannotBeJoinedRefusesTheStartAndIsClosed() {
        cluster.refuseJoin = true;

        assertThatThrownBy(this::start).isInstanceOf(IOException.class).hasMessageContaining("node 'test' is alive");
        assertThat(cluster.events).containsExactly("close");
        server = null;
    }

    private SessionServer start() throws IOException {
        return SessionServer.builder()
                .reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .cluster(cluster)
                .handler((session, message) -> { })
                .build();
    }

    /** Waits until event {@code index} is there and starts with {@code prefix}; returns it. */
    private String awaitEvent(int index, String prefix) throws InterruptedException {
        // Index 0 is the join.
        Await.until("event " + (index + 1), () -> cluster.events.size() > index + 1, Duration.ofSeconds(20),
                cluster.events::toString);
        String event = cluster.events.get(index + 1);
        assertThat(event).as("event %d of %s", index + 1, cluster.events).startsWith(prefix);
        return event;
    }

    /** An in-process cluster that records what the server tells it, in order. */
    private static final class RecordingCluster implements SessionCluster {
        final List<String> events = new CopyOnWriteArrayList<>();
        final InProcessSessionCluster delegate = new InProcessSessionCluster("test");
        volatile boolean refuseJoin;

        @Override
        public String nodeName() {
            return delegate.nodeName();
        }

        @Override
        public String assignedIdPrefix() {
            return "s-test-";
        }

        @Override
        public void join(SessionRegistry local) throws IOException {
            if (refuseJoin) {
                throw new IOException("node 'test' is alive in the cluster");
            }
            events.add("join");
            delegate.join(local);
        }

        @Override
        public void registered(String id) {
            events.add("registered " + id);
        }

        @Override
        public void unregistered(String id) {
            events.add("unregistered " + id);
        }

        @Override
        public CompletableFuture<Optional<SessionSnapshot>> find(String id) {
            return delegate.find(id);
        }

        @Override
        public CompletableFuture<List<SessionSnapshot>> page(String afterId, int limit) {
            return delegate.page(afterId, limit);
        }

        @Override
        public CompletableFuture<SendResult> send(String id, ByteBuffer payload) {
            return delegate.send(id, payload);
        }

        @Override
        public CompletableFuture<SendResult> sendFile(String id, FileChannel file, long position, long length) {
            return delegate.sendFile(id, file, position, length);
        }

        @Override
        public CompletableFuture<Boolean> close(String id) {
            return delegate.close(id);
        }

        @Override
        public CompletableFuture<Integer> broadcast(ByteBuffer payload) {
            return delegate.broadcast(payload);
        }

        @Override
        public CompletableFuture<List<NodeInfo>> nodes() {
            return delegate.nodes();
        }

        @Override
        public void close() {
            events.add("close");
        }
    }
}
