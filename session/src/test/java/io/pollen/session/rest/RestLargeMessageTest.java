package io.pollen.session.rest;

import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.OnEveryBackend;
import io.pollen.session.SessionServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies above the spool threshold over real sockets, on every backend: spooled and streamed to the
 * client byte for byte, refused without a trace when invalid, bounded by the spool budget, and cut off
 * when they stop arriving, with the request thread free again.
 */
@OnEveryBackend
@ExtendWith(DescriptorLeakCheck.class)
class RestLargeMessageTest {
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int FIVE_MB = 5_000_000;

    @TempDir
    Path spoolDirectory;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String backend;
    private SessionServer server;
    private RestGateway gateway;

    RestLargeMessageTest(String backend) {
        this.backend = backend;
    }

    private void start(Consumer<RestGatewayConfig> settings) throws IOException {
        server = SessionServer.builder()
                .reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .maxFrameLength(MAX_FRAME)
                .handler((session, message) -> { })
                .build();
        RestGatewayConfig config = new RestGatewayConfig().bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .spoolDirectory(spoolDirectory);
        settings.accept(config);
        gateway = RestGateway.start(server, config);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.shutdown(Duration.ZERO);
        }
    }

    @Test
    void aFiveMegabyteMessageArrivesVerbatimAndItsSpoolFileIsGone() throws Exception {
        start(config -> { });
        NetStringTestClient client = connect("big-1");
        GeneratedJson json = new GeneratedJson(FIVE_MB, '}');

        RawHttpClient.Answer sent = post("/sessions/big-1/messages", new GeneratedJson(FIVE_MB, '}'), json.length());

        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.body()).isEqualTo("{\"status\":\"queued\"}");
        assertThat(client.readFrameDigest()).isEqualTo(json.digest());
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aChunkedBodyPastTheThresholdIsSpooledAndArrivesVerbatim() throws Exception {
        start(config -> config.spoolThreshold(64 * 1024));
        NetStringTestClient client = connect("big-2");
        GeneratedJson json = new GeneratedJson(1_000_000, '}');

        RawHttpClient.Answer sent = post("/sessions/big-2/messages", new GeneratedJson(1_000_000, '}'), -1);

        assertThat(sent.status()).isEqualTo(202);
        assertThat(client.readFrameDigest()).isEqualTo(json.digest());
    }

    @Test
    void badJsonAtTheVeryEndOfASpooledBodyIs400DeliversNothingAndLeavesNoFile() throws Exception {
        start(config -> { });
        NetStringTestClient client = connect("bad-1");
        long length = new GeneratedJson(FIVE_MB, ']').length();

        RawHttpClient.Answer declared = post("/sessions/bad-1/messages", new GeneratedJson(FIVE_MB, ']'), length);
        RawHttpClient.Answer chunked = post("/sessions/bad-1/messages", new GeneratedJson(FIVE_MB, ']'), -1);

        for (RawHttpClient.Answer answer : List.of(declared, chunked)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).startsWith("{\"error\":\"bad_json\",\"message\":\"the body is not valid JSON");
        }
        assertThat(spoolFiles()).isEmpty();
        // What the client gets next is the message sent after the bad ones: nothing came before it.
        assertThat(post("/sessions/bad-1/messages", "{\"type\":\"after\"}").status()).isEqualTo(202);
        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo("{\"type\":\"after\"}");
    }

    @Test
    void aBodyBeyondTheSpoolBudgetIs503WithRetryAfterAndTheBudgetComesBackOnceSent() throws Exception {
        start(config -> config.maxSpoolBytes(6_000_000));
        NetStringTestClient client = connect("budget-1");
        long length = new GeneratedJson(FIVE_MB, '}').length();

        // Declared and never sent: an answer proves the gateway refused it before reading.
        RawHttpClient.Answer refused = RawHttpClient.exchange(gateway.localAddress(), "POST", "/sessions/budget-1/messages",
                InputStream.nullInputStream(), 7_000_000, "");
        RawHttpClient.Answer sent = post("/sessions/budget-1/messages", new GeneratedJson(FIVE_MB, '}'), length);
        client.readFrameDigest();
        RawHttpClient.Answer again = post("/sessions/budget-1/messages", new GeneratedJson(FIVE_MB, '}'), length);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.body()).startsWith("{\"error\":\"spool_full\"");
        assertThat(sent.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(client.readFrameDigest().length()).isEqualTo(length);
    }

    @Test
    void aBroadcastOverTheSpoolThresholdIs413() throws Exception {
        start(config -> config.spoolThreshold(1000));
        connect("cast-1");

        RawHttpClient.Answer sent = post("/broadcast", new GeneratedJson(2000, '}'), -1);

        assertThat(sent.status()).isEqualTo(413);
        assertThat(sent.body()).contains("a broadcast body may be at most 1000 bytes");
    }

    @Test
    void aStalledBodyIsCutOffAfterTheTimeoutAndTheThreadServesTheNextRequest() throws Exception {
        start(config -> config.threads(1).bodyReadTimeout(Duration.ofMillis(500)));
        NetStringTestClient client = connect("stall-1");

        long started = System.nanoTime();
        try (Socket stalled = openHttp()) {
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /sessions/stall-1/messages HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n[\"only the start").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertClosedWithoutAnswer(stalled.getInputStream());
        }
        Duration cutOffAfter = Duration.ofNanos(System.nanoTime() - started);

        assertThat(cutOffAfter).isBetween(Duration.ofMillis(400), Duration.ofSeconds(10));
        assertThat(post("/sessions/stall-1/messages", "{\"type\":\"next\"}").status()).isEqualTo(202);
        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo("{\"type\":\"next\"}");
    }

    @Test
    void aBodyTricklingBelowTheMinimumRateIsCutOffThoughItNeverPauses() throws Exception {
        start(config -> config.threads(1).bodyReadTimeout(Duration.ofMillis(500)).minBodyRate(1024 * 1024));
        connect("trickle-1");

        try (Socket trickle = openHttp()) {
            OutputStream out = trickle.getOutputStream();
            out.write(("POST /sessions/trickle-1/messages HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 3000; i++) {
                        out.write(i == 0 ? ' ' : ' ');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException expected) {
                    // The gateway closed the connection: what this test waits for.
                }
            }, "trickle");
            writer.setDaemon(true);
            writer.start();
            assertClosedWithoutAnswer(trickle.getInputStream());
            writer.interrupt();
        }

        assertThat(RawHttpClient.get(gateway.localAddress(), "/health", "").status()).isEqualTo(200);
    }

    @Test
    void anUnreadBodyAfterARefusalIsNotWaitedForPastTheTimeout() throws Exception {
        start(config -> config.threads(1).bodyReadTimeout(Duration.ofMillis(500)).bearerToken("secret"));

        try (Socket silent = openHttp()) {
            silent.getOutputStream().write(("POST /broadcast HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            silent.getOutputStream().flush();
            InputStream in = silent.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 401");
            assertClosedWithoutAnswer(in);
        }

        RawHttpClient.Answer next = RawHttpClient.get(gateway.localAddress(), "/health", "Authorization: Bearer secret\r\n");
        assertThat(next.status()).isEqualTo(200);
    }

    /** Reads until the server closes the connection; fails if a complete answer's status line comes. */
    private static void assertClosedWithoutAnswer(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        StringBuilder seen = new StringBuilder();
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                seen.append(new String(buffer, 0, count, StandardCharsets.US_ASCII));
            }
        } catch (SocketException reset) {
            // A reset is a close too.
        }
        assertThat(seen.toString()).doesNotContain("HTTP/1.1 2");
    }

    private List<Path> spoolFiles() throws IOException {
        try (var files = Files.list(spoolDirectory)) {
            return files.toList();
        }
    }

    private NetStringTestClient connect(String id) throws IOException {
        NetStringTestClient client = NetStringTestClient.hello(server.localAddress(), id);
        resources.add(client);
        return client;
    }

    private Socket openHttp() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(30_000);
        socket.connect(gateway.localAddress(), 30_000);
        return socket;
    }

    private RawHttpClient.Answer post(String path, String json) throws Exception {
        return RawHttpClient.post(gateway.localAddress(), path, json);
    }

    /** Posts a generated body, with its Content-Length if {@code length} is not negative, else chunked. */
    private RawHttpClient.Answer post(String path, InputStream body, long length) throws Exception {
        return RawHttpClient.exchange(gateway.localAddress(), "POST", path, body, length, "");
    }
}
