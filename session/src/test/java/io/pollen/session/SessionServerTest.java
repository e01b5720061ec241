package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.tck.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The session layer over real loopback sockets, on every backend. */
class SessionServerTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Echoes every application message and records what happens. */
    private final SessionHandler recordingEcho = new SessionHandler() {
        @Override
        public void onMessage(Session session, JsonMessage message) {
            session.send(message.payload());
        }

        @Override
        public void onStateChanged(Session session, SessionState previous, SessionState current) {
            events.add(session.id() + ":" + previous + "->" + current);
        }

        @Override
        public void onSessionClosed(Session session, Throwable cause) {
            events.add(session.id() + ":closed:" + (cause == null ? "orderly" : cause.getClass().getSimpleName()));
        }
    };

    private SessionServer start(String backend, Consumer<SessionServerBuilder> settings) throws IOException {
        SessionServerBuilder builder = SessionServer.builder().backend(backend).threads(2)
                .address(new InetSocketAddress("127.0.0.1", 0)).handler(recordingEcho);
        settings.accept(builder);
        SessionServer server = builder.start();
        resources.add(server);
        return server;
    }

    private NetstringClient client(SessionServer server) {
        NetstringClient client = NetstringClient.connect(server.localAddress());
        resources.add(client);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void helloClaimsAnIdAndPingIsAnswered(String backend) throws IOException {
        SessionServer server = start(backend, b -> b.keepAlive(new KeepAlivePolicy(Duration.ofSeconds(30), 3)));
        NetstringClient client = client(server);

        assertThat(client.hello("c-42")).isEqualTo("{\"type\":\"welcome\",\"session\":\"c-42\",\"keepalive_ms\":30000}");
        client.send("{\"type\":\"ping\",\"seq\":7}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"pong\",\"seq\":7}");
        client.send("{\"type\":\"echo\",\"text\":\"hi\"}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"echo\",\"text\":\"hi\"}");

        Session session = server.registry().find("c-42").orElseThrow();
        assertThat(session.counters().framesIn()).isEqualTo(3);
        assertThat(session.counters().framesOut()).isEqualTo(3);
        assertThat(server.registry().size()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void aSecondHelloWithAConnectedIdReplacesTheFirstSession(String backend) throws IOException {
        SessionServer server = start(backend, b -> { });
        NetstringClient first = client(server);
        first.hello("dup");
        NetstringClient second = client(server);
        second.hello("dup");

        assertThat(first.closedByServer()).isTrue();
        Await.until("the replaced session's close", () -> events.contains("dup:closed:SessionReplacedException"));
        second.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(second.readFrame()).contains("pong");
        assertThat(server.registry().size()).isEqualTo(1);
        assertThat(server.registry().find("dup")).get().matches(Session::isOpen);
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void silenceMakesASessionSuspectThenDeadAndAnyFrameRevivesIt(String backend) throws IOException {
        SessionServer server = start(backend, b -> b.keepAlive(new KeepAlivePolicy(Duration.ofMillis(300), 3)));
        NetstringClient client = client(server);
        client.hello("quiet");
        Session session = server.registry().find("quiet").orElseThrow();

        Await.until("SUSPECT after one silent interval", () -> session.state() == SessionState.SUSPECT);
        client.sendRaw("0:,");
        Await.until("HEALTHY after a keep-alive", () -> session.state() == SessionState.HEALTHY);

        assertThat(client.readFrame()).isEqualTo("{\"type\":\"error\",\"code\":\"timeout\"}");
        assertThat(client.closedByServer()).isTrue();
        Await.until("the close", () -> !session.isOpen() && server.registry().size() == 0);
        Await.until("the handler to hear of it", () -> events.contains("quiet:closed:SessionTimeoutException"));
        assertThat(session.state()).isEqualTo(SessionState.DEAD);
        assertThat(events).containsSubsequence("quiet:HEALTHY->SUSPECT", "quiet:SUSPECT->HEALTHY",
                "quiet:HEALTHY->SUSPECT", "quiet:SUSPECT->DEAD", "quiet:closed:SessionTimeoutException");
        assertThat(server.metrics().timeouts()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void sendsFromManyThreadsArriveCompleteAndInOrderPerSender(String backend) throws Exception {
        SessionServer server = start(backend, b -> b.maxPendingWriteBytes(16L << 20));
        NetstringClient client = client(server);
        client.hello("target");
        int threads = 6;
        int perThread = 500;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int sender = t;
                senders.execute(() -> {
                    for (int seq = 0; seq < perThread; seq++) {
                        SendResult result = server.registry().send("target",
                                utf8("{\"type\":\"note\",\"from\":" + sender + ",\"seq\":" + seq + "}"));
                        assertThat(result).isEqualTo(SendResult.QUEUED);
                    }
                });
            }
            int[] next = new int[threads];
            for (int i = 0; i < threads * perThread; i++) {
                String frame = client.readFrame();
                int from = Integer.parseInt(frame.replaceAll(".*\"from\":(\\d+).*", "$1"));
                int seq = Integer.parseInt(frame.replaceAll(".*\"seq\":(\\d+).*", "$1"));
                assertThat(seq).as("sender %d", from).isEqualTo(next[from]++);
            }
            assertThat(next).containsOnly(perThread);
        } finally {
            senders.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void aFullQueueRejectsSendsToThatSessionOnly(String backend) throws IOException {
        SessionServer server = start(backend, b -> b.maxPendingWriteBytes(256 * 1024));
        NetstringClient slow = client(server);
        slow.hello("slow");
        NetstringClient fast = client(server);
        fast.hello("fast");
        ByteBuffer bulk = utf8("{\"type\":\"bulk\",\"pad\":\"" + "x".repeat(8000) + "\"}");

        SendResult result = SendResult.QUEUED;
        for (int i = 0; i < 100_000 && result == SendResult.QUEUED; i++) {
            result = server.registry().send("slow", bulk.duplicate());
        }

        assertThat(result).isEqualTo(SendResult.REJECTED_FULL);
        assertThat(server.registry().send("fast", utf8("{\"type\":\"hi\"}"))).isEqualTo(SendResult.QUEUED);
        assertThat(fast.readFrame()).isEqualTo("{\"type\":\"hi\"}");
        assertThat(server.registry().send("nobody", utf8("{}"))).isEqualTo(SendResult.UNKNOWN_SESSION);
        assertThat(server.registry().find("slow")).get().matches(Session::isOpen);
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void broadcastReachesEverySessionAndOversizedSendsAreRefused(String backend) throws IOException {
        SessionServer server = start(backend, b -> b.maxFrameLength(1024));
        List<NetstringClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NetstringClient c = client(server);
            c.hello("b-" + i);
            clients.add(c);
        }
        assertThat(server.registry().broadcast(utf8("{\"type\":\"news\"}"))).isEqualTo(5);
        for (NetstringClient c : clients) {
            assertThat(c.readFrame()).isEqualTo("{\"type\":\"news\"}");
        }
        assertThat(server.registry().send("b-0", ByteBuffer.allocate(1025))).isEqualTo(SendResult.TOO_LARGE);
        assertThat(server.registry().page(null, 2)).extracting(Session::id).containsExactly("b-0", "b-1");
        assertThat(server.registry().page("b-1", 10)).extracting(Session::id).containsExactly("b-2", "b-3", "b-4");
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void anApplicationExecutorKeepsPerSessionOrder(String backend) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        resources.add(pool::shutdownNow);
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<String> thread = new CompletableFuture<>();
        SessionServer server = start(backend, b -> b.executor(pool).handler((session, message) -> {
            thread.complete(Thread.currentThread().getName());
            seen.add(message.getString("n"));
        }));
        NetstringClient client = client(server);
        client.hello("ordered");
        for (int i = 0; i < 200; i++) {
            client.send("{\"type\":\"n\",\"n\":\"" + i + "\"}");
        }
        Await.until("200 messages", () -> seen.size() == 200);
        assertThat(thread.get(30, TimeUnit.SECONDS)).doesNotStartWith("pollen");
        for (int i = 0; i < 200; i++) {
            assertThat(seen.get(i)).isEqualTo(String.valueOf(i));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.session.TestBackends#all")
    void badInputFromOneClientLeavesTheOthersAlone(String backend) throws IOException {
        SessionServer server = start(backend, b -> b.maxFrameLength(100));
        NetstringClient good = client(server);
        good.hello("good");
        NetstringClient bad = client(server);
        bad.hello("bad");

        bad.send("{not json");
        assertThat(bad.readFrame()).startsWith("{\"type\":\"error\",\"code\":\"bad_json\"");
        bad.send("[1,2]");
        assertThat(bad.readFrame()).startsWith("{\"type\":\"error\",\"code\":\"bad_message\"");
        bad.sendRaw("101:");
        assertThat(bad.readFrame()).startsWith("{\"type\":\"error\",\"code\":\"too_large\"");
        assertThat(bad.closedByServer()).isTrue();

        good.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(good.readFrame()).isEqualTo("{\"type\":\"pong\",\"seq\":1}");
        assertThat(server.metrics().errors(io.pollen.codec.reactor.ErrorCode.BAD_JSON)).isEqualTo(1);
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
