package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.StreamProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The session layer over real loopback sockets, on every backend. */
@OnEveryBackend
class SessionServerTest {
    private final String backend;
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

    SessionServerTest(String backend) {
        this.backend = backend;
    }

    private SessionServer start(Consumer<SessionServerBuilder> settings) throws IOException {
        SessionServerBuilder builder = SessionServer.builder().reactor(r -> r.backend(backend).threads(2))
                .address(new InetSocketAddress("127.0.0.1", 0)).handler(recordingEcho);
        settings.accept(builder);
        SessionServer server = builder.build();
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

    @Test
    void helloClaimsAnIdAndPingIsAnswered() throws IOException {
        SessionServer server = start(b -> b.keepAlive(k -> k.interval(Duration.ofSeconds(30)).misses(3)));
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

    @Test
    void sendFileStreamsARegionOfAFileAsOneFrameInOrderAndClosesTheFile(@TempDir Path directory) throws IOException {
        // Three megabytes: many times the socket buffers and the high water mark, so the region goes out in many transfers.
        SessionServer server = start(b -> b.maxFrameLength(4L << 20)
                .reactor(r -> r.maxPendingWriteBytes(NetstringEncoder.frameLength(4L << 20))));
        NetstringClient client = client(server);
        client.hello("f-1");
        Session session = server.registry().find("f-1").orElseThrow();
        String payload = "{\"type\":\"blob\",\"data\":[" + ("\"" + "y".repeat(1000) + "\",").repeat(3000) + "0]}";
        Path file = directory.resolve("payload.json");
        // Padding before the payload: the frame is the region, not the file.
        Files.writeString(file, "padding" + payload + "padding", StandardCharsets.UTF_8);
        long countersBefore = session.counters().bytesOut();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);

        assertThat(session.sendFile(channel, 7, payload.length())).isEqualTo(SendResult.QUEUED);
        assertThat(session.send("{\"type\":\"after\"}")).isEqualTo(SendResult.QUEUED);

        assertThat(client.readFrame()).isEqualTo(payload);
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"after\"}");
        Await.until("the session to close the sent file", () -> !channel.isOpen());
        assertThat(session.counters().framesOut()).isEqualTo(3);
        assertThat(session.counters().bytesOut() - countersBefore)
                .isEqualTo(NetstringEncoder.frameLength(payload.length()) + NetstringEncoder.frameLength(16));
    }

    @Test
    void sendStreamMakesAFrameLargerThanTheWriteCapAsTheClientReadsAndReleasesItsProducer() throws IOException {
        // Three megabytes: many pulls of one window each, and many times the socket buffers.
        SessionServer server = start(b -> b.maxFrameLength(4L << 20)
                .reactor(r -> r.maxPendingWriteBytes(NetstringEncoder.frameLength(4L << 20))));
        NetstringClient client = client(server);
        client.hello("p-1");
        Session session = server.registry().find("p-1").orElseThrow();
        byte[] payload = ("{\"type\":\"blob\",\"data\":[" + ("\"" + "z".repeat(1000) + "\",").repeat(3000) + "0]}")
                .getBytes(StandardCharsets.UTF_8);
        AtomicInteger releases = new AtomicInteger();
        StreamProducer producer = new StreamProducer() {
            private int at;

            @Override
            public void produce(ByteBuffer into) {
                int n = Math.min(into.remaining(), payload.length - at);
                into.put(payload, at, n);
                at += n;
            }

            @Override
            public void release() {
                releases.incrementAndGet();
            }
        };

        assertThat(session.sendStream(producer, payload.length)).isEqualTo(SendResult.QUEUED);
        assertThat(session.send("{\"type\":\"after\"}")).isEqualTo(SendResult.QUEUED);

        assertThat(client.readFrame()).isEqualTo(new String(payload, StandardCharsets.UTF_8));
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"after\"}");
        Await.until("the session to release the producer", () -> releases.get() == 1);
        assertThat(session.sendStream(producer, (4L << 20) + 1)).as("over the frame limit").isEqualTo(SendResult.TOO_LARGE);
        assertThat(releases.get()).as("a refused stream stays its caller's").isEqualTo(1);
    }

    @Test
    void sendFileOverTheFrameLimitIsTooLargeAndLeavesTheFileToTheCaller(@TempDir Path directory) throws IOException {
        SessionServer server = start(b -> b.maxFrameLength(1000));
        NetstringClient client = client(server);
        client.hello("f-2");
        Session session = server.registry().find("f-2").orElseThrow();
        Path file = directory.resolve("payload.json");
        Files.writeString(file, "[" + "0,".repeat(1000) + "0]", StandardCharsets.UTF_8);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(session.sendFile(channel, 0, Files.size(file))).isEqualTo(SendResult.TOO_LARGE);
            assertThat(channel.isOpen()).isTrue();
        }
        client.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"pong\",\"seq\":1}");
    }

    @Test
    void aSecondHelloWithAConnectedIdReplacesTheFirstSession() throws IOException {
        SessionServer server = start(b -> { });
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

    @Test
    void silenceMakesASessionSuspectThenDeadAndAnyFrameRevivesIt() throws IOException {
        SessionServer server = start(b -> b.keepAlive(k -> k.interval(Duration.ofMillis(300)).misses(3)));
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

    @Test
    void sendsFromManyThreadsArriveCompleteAndInOrderPerSender() throws Exception {
        // Room for all 3,000 notes at once, so that no send is refused while the client reads.
        SessionServer server = start(b -> b.maxFrameLength(1024).reactor(r -> r.maxPendingWriteBytes(16L << 20)));
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

    @Test
    void aFullQueueRejectsSendsToThatSessionOnly() throws IOException {
        SessionServer server = start(b -> b.maxFrameLength(16 * 1024).reactor(r -> r.maxPendingWriteBytes(256 * 1024)));
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

    @Test
    void broadcastReachesEverySessionAndOversizedSendsAreRefused() throws IOException {
        SessionServer server = start(b -> b.maxFrameLength(1024));
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

    @Test
    void anApplicationExecutorKeepsPerSessionOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        resources.add(pool::shutdownNow);
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<String> thread = new CompletableFuture<>();
        SessionServer server = start(b -> b.executor(pool).handler((session, message) -> {
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

    @Test
    void badInputFromOneClientLeavesTheOthersAlone() throws IOException {
        SessionServer server = start(b -> b.maxFrameLength(100));
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

    @Test
    void aMessageOfTheLargestAcceptedSizeIsSentWhole() throws IOException {
        int maxFrame = 1 << 20;
        // The least cap the builder accepts for this frame limit: exactly one frame of the largest size.
        SessionServer server = start(b -> b.maxFrameLength(maxFrame)
                .reactor(r -> r.maxPendingWriteBytes(NetstringEncoder.frameLength(maxFrame))));
        NetstringClient client = client(server);
        client.hello("big");
        String prefix = "{\"type\":\"big\",\"pad\":\"";
        String largest = prefix + "x".repeat(maxFrame - prefix.length() - 2) + "\"}";

        // It fits only into an empty queue: the welcome's bytes may still be counted until the loop has
        // finished writing them, so a refused send (which has no effect) is tried again.
        Await.until("the largest message queued", () -> server.registry().send("big", utf8(largest)) == SendResult.QUEUED);
        assertThat(client.readFrame()).isEqualTo(largest);
    }

    @Test
    void theReactorSettingsReachTheServersReactor() throws IOException {
        List<String> overloads = new CopyOnWriteArrayList<>();
        SessionServer server = start(b -> b.reactor(r -> r.threads(3).maxConnections(1)
                .overloadListener((reason, detail) -> overloads.add(reason.name()))));
        NetstringClient admitted = client(server);
        admitted.hello("one");

        assertThat(server.backend()).isEqualTo(backend);
        assertThat(server.reactor().loopCount()).isEqualTo(3);
        NetstringClient refused = client(server);
        assertThat(refused.closedByServer()).isTrue();
        Await.until("the overload listener to hear of it", () -> overloads.contains(OverloadReason.MAX_CONNECTIONS.name()));
        assertThat(server.metrics().reactor().overloads(OverloadReason.MAX_CONNECTIONS)).isEqualTo(1);
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
