package io.pollen.session.rest;

import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.session.OnEveryBackend;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST contract of DESIGN.md, over real loopback sockets: every endpoint and error path through
 * {@link HttpClient} (or a raw socket where a client library would hide what is tested), and what a
 * session's TCP client actually receives, on every backend.
 */
@OnEveryBackend
class RestGatewayContractTest {
    /** Small, so that 413 needs little data and the JDK server's 64 KiB drain swallows what is unread. */
    static final int MAX_FRAME = 16 * 1024;
    /**
     * The frame limit of the full-queue test, whose queue cap holds one such frame: the socket buffers
     * of a client that stops reading hold a few megabytes, which a few messages this large fill, and
     * then its queue.
     */
    static final int LARGE_FRAME = 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final List<NetStringTestClient> clients = new ArrayList<>();
    private SessionServer server;
    private RestGateway gateway;

    private final String backend;

    RestGatewayContractTest(String backend) {
        this.backend = backend;
    }

    @BeforeEach
    void start() throws IOException {
        start(MAX_FRAME, SessionServerBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES);
    }

    private void start(int maxFrameLength, long maxPendingWriteBytes) throws IOException {
        start(maxFrameLength, maxPendingWriteBytes, null);
    }

    private void start(int maxFrameLength, long maxPendingWriteBytes, Duration pingInterval) throws IOException {
        server = SessionServer.builder()
                .reactor(r -> r.backend(backend).threads(1).maxPendingWriteBytes(maxPendingWriteBytes))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .maxFrameLength(maxFrameLength)
                .pingInterval(pingInterval)
                .handler((session, message) -> { })
                .build();
        gateway = RestGateway.start(server, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws IOException {
        for (NetStringTestClient client : clients) {
            client.close();
        }
        clients.clear();
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.shutdown(Duration.ZERO);
        }
    }

    @Test
    void healthReportsBackendAndSessionCount() throws Exception {
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"up\",\"backend\":\"" + backend + "\",\"sessions\":0,\"nodes\":1}");
        connect("c-1");

        HttpResponse<String> health = get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"backend\":\"" + backend + "\",\"sessions\":1,\"nodes\":1}");
    }

    @Test
    void nodesListsThisNodeWithItsPidAndSessionCount() throws Exception {
        connect("n-1");
        connect("n-2");

        HttpResponse<String> nodes = get("/nodes");

        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(nodes.body()).isEqualTo("{\"nodes\":[{\"node\":\"" + server.cluster().nodeName() + "\",\"pid\":"
                + ProcessHandle.current().pid() + ",\"sessions\":2}]}");
    }

    @Test
    void listPagesSessionsInIdOrderWithANextCursorWhileFull() throws Exception {
        connect("b-3");
        connect("b-1");
        connect("b-2");

        HttpResponse<String> first = get("/sessions?limit=2");
        HttpResponse<String> second = get("/sessions?limit=2&after=b-2");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ids(first.body())).containsExactly("b-1", "b-2");
        assertThat(first.body()).endsWith("],\"next\":\"b-2\"}");
        assertThat(ids(second.body())).containsExactly("b-3");
        assertThat(second.body()).doesNotContain("\"next\"");
    }

    @Test
    void listWithoutLimitReturnsEverySessionUpToTheDefault() throws Exception {
        connect("d-1");
        connect("d-2");

        HttpResponse<String> list = get("/sessions");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(ids(list.body())).containsExactly("d-1", "d-2");
        assertThat(list.body()).doesNotContain("\"next\"");
        assertThat(get("/sessions?after=d-2").body()).isEqualTo("{\"sessions\":[]}");
    }

    @Test
    void listRejectsALimitOutsideOneToTheMaximum() throws Exception {
        for (String limit : List.of("0", "-1", "1001", "ten", "")) {
            HttpResponse<String> list = get("/sessions?limit=" + limit);

            assertThat(list.statusCode()).as("limit=%s", limit).isEqualTo(400);
            assertThat(list.body()).as("limit=%s", limit)
                    .startsWith("{\"error\":\"bad_request\",\"message\":\"limit must be a whole number from 1 to 1000");
        }
    }

    @Test
    void getDescribesOneSession() throws Exception {
        NetStringTestClient client = connect("g-1");
        client.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo("{\"type\":\"pong\",\"seq\":1}");

        HttpResponse<String> session = get("/sessions/g-1");

        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body())
                .startsWith("{\"id\":\"g-1\",\"node\":\"" + server.cluster().nodeName() + "\",\"remote\":\"127.0.0.1:")
                .contains("\"state\":\"healthy\"")
                .containsPattern("\"last_seen\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"")
                .containsPattern("\"opened_at\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"")
                .containsPattern("\"counters\":\\{\"frames_in\":2,\"frames_out\":2,\"bytes_in\":\\d+,\"bytes_out\":\\d+}")
                .endsWith("\"rtt_us\":null}");
    }

    @Test
    void getShowsTheRoundTripOfTheServersPingsAndTimesThatFollowTheClock() throws Exception {
        stop();
        start(MAX_FRAME, SessionServerBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES, Duration.ofMillis(200));
        Instant before = Instant.now().minusMillis(1);
        NetStringTestClient client = connect("r-1");
        String body = get("/sessions/r-1").body();
        assertThat(body).endsWith("\"rtt_us\":null}");
        // Answer the server's pings as a client does until a round trip shows: only the latest ping
        // counts, so a pong that crossed the next ping (a slow test machine) is ignored and answered again.
        for (int pings = 0; pings < 50 && body.endsWith("\"rtt_us\":null}"); pings++) {
            String ping = new String(client.readFrame(), StandardCharsets.UTF_8);
            assertThat(ping).matches("\\{\"type\":\"ping\",\"seq\":\\d+}");
            client.send(ping.replace("\"ping\"", "\"pong\""));
            body = get("/sessions/r-1").body();
        }
        Instant after = Instant.now().plusMillis(1);

        assertThat(body).containsPattern("\"rtt_us\":\\d+}$");
        Instant openedAt = Instant.parse(field(body, "opened_at"));
        Instant lastSeen = Instant.parse(field(body, "last_seen"));
        assertThat(openedAt).isBetween(before, after);
        assertThat(lastSeen).isBetween(openedAt.minusMillis(1), after);
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
        return matcher.group(1);
    }

    @Test
    void getAnUnknownSessionIs404() throws Exception {
        HttpResponse<String> session = get("/sessions/nobody");

        assertThat(session.statusCode()).isEqualTo(404);
        assertThat(session.body()).isEqualTo(
                "{\"error\":\"unknown_session\",\"message\":\"no open session has the id 'nobody'\"}");
    }

    @Test
    void sessionIdsInPathsArePercentDecoded() throws Exception {
        NetStringTestClient client = connect("team/\u03b1 1+x");

        HttpResponse<String> session = get("/sessions/team%2F%CE%B1%201+x");
        HttpResponse<String> sent = post("/sessions/team%2F%CE%B1%201+x/messages", "{\"type\":\"note\"}");

        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).startsWith("{\"id\":\"team/\u03b1 1+x\"");
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo("{\"type\":\"note\"}");
        assertThat(get("/sessions/bad%C3").statusCode()).isEqualTo(400);
    }

    @Test
    void aPostedMessageReachesTheClientVerbatimAsOneFrame() throws Exception {
        NetStringTestClient client = connect("m-1");
        String json = "{ \"type\" : \"notice\",\n \"text\":\"h\u00e9llo \\\"you\\\"\", \"n\":[1, 2.50, null] }";

        HttpResponse<String> sent = post("/sessions/m-1/messages", json);

        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(sent.body()).isEqualTo("{\"status\":\"queued\"}");
        assertThat(client.readFrame()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPostThatIsNotExactlyOneJsonValueIs400AndSendsNothing() throws Exception {
        NetStringTestClient client = connect("j-1");
        for (String body : List.of("", "  ", "{\"type\":", "{} {}", "not json", "{\"a\":1,}", "[1,2")) {
            HttpResponse<String> sent = post("/sessions/j-1/messages", body);

            assertThat(sent.statusCode()).as("body %s", body).isEqualTo(400);
            assertThat(sent.body()).as("body %s", body).startsWith("{\"error\":\"bad_json\",\"message\":");
        }
        post("/sessions/j-1/messages", "[\"only this\"]");

        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo("[\"only this\"]");
    }

    @Test
    void aPostToAnUnknownSessionIs404() throws Exception {
        HttpResponse<String> sent = post("/sessions/nobody/messages", "{\"type\":\"note\"}");

        assertThat(sent.statusCode()).isEqualTo(404);
        assertThat(sent.body()).startsWith("{\"error\":\"unknown_session\"");
    }

    @Test
    void aPostOverTheFrameLimitIs413AndSendsNothing() throws Exception {
        NetStringTestClient client = connect("l-1");

        HttpResponse<String> sent = post("/sessions/l-1/messages", jsonOfLength(MAX_FRAME + 1));

        assertThat(sent.statusCode()).isEqualTo(413);
        assertThat(sent.body()).startsWith("{\"error\":\"too_large\",\"message\":\"the body may be at most 16384 bytes");
        String atTheLimit = jsonOfLength(MAX_FRAME);
        assertThat(post("/sessions/l-1/messages", atTheLimit).statusCode()).isEqualTo(202);
        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo(atTheLimit);
    }

    @Test
    void anOversizedContentLengthIsRefusedBeforeAnyOfTheBodyIsSent() throws Exception {
        connect("l-2");

        // The body never comes: an answer proves the gateway did not wait to read it.
        String answer = rawHttp("POST /sessions/l-2/messages HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n", null);

        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"error\":\"too_large\"");
    }

    @Test
    void anEndlessChunkedBodyIs413() throws Exception {
        connect("l-3");

        String answer = rawHttp("POST /broadcast HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", out -> {
                    // Valid JSON so far, and never ending: only its length can refuse it (bodies are
                    // validated as they arrive, so an early syntax or depth error would be 400 first).
                    out.write("1\r\n[\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("1000\r\n" + "0,".repeat(0x800) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    while (true) {
                        out.write(chunk);
                    }
                });

        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"error\":\"too_large\"");
    }

    @Test
    void aPostToASessionWhoseQueueIsFullIs503() throws Exception {
        stop();
        start(LARGE_FRAME, NetstringEncoder.frameLength(LARGE_FRAME));
        // This client never reads: once the socket buffers are full, sends pile up in its queue.
        connect("slow", 4096);
        String json = jsonOfLength(LARGE_FRAME);
        HttpResponse<String> sent = null;
        for (int i = 0; i < 1_000; i++) {
            sent = post("/sessions/slow/messages", json);
            if (sent.statusCode() != 202) {
                break;
            }
        }

        assertThat(sent.statusCode()).isEqualTo(503);
        assertThat(sent.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(sent.body()).startsWith("{\"error\":\"queue_full\",\"message\":\"session 'slow' has too many bytes queued");
    }

    @Test
    void aBroadcastReachesEverySessionAsOneFrame() throws Exception {
        NetStringTestClient first = connect("e-1");
        NetStringTestClient second = connect("e-2");
        String json = "{\"type\":\"announcement\",\"text\":\"all\"}";

        HttpResponse<String> sent = post("/broadcast", json);

        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(sent.body()).isEqualTo("{\"sessions\":2}");
        assertThat(first.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo(json);
        assertThat(second.readFrame()).asString(StandardCharsets.UTF_8).isEqualTo(json);
    }

    @Test
    void aBroadcastIsValidatedAndSizeLimitedLikeAMessage() throws Exception {
        connect("e-3");

        assertThat(post("/broadcast", "{\"type\"").statusCode()).isEqualTo(400);
        assertThat(post("/broadcast", jsonOfLength(MAX_FRAME + 1)).statusCode()).isEqualTo(413);
        assertThat(post("/broadcast", "{}").body()).isEqualTo("{\"sessions\":1}");
    }

    @Test
    void deleteClosesTheSessionAndItsConnection() throws Exception {
        NetStringTestClient client = connect("x-1");

        HttpResponse<String> deleted = delete("/sessions/x-1");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        client.awaitServerClose();
        assertThat(awaitStatus("/sessions/x-1", 404)).isEqualTo(404);
        assertThat(delete("/sessions/never-was").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsUseThePrometheusTextFormat() throws Exception {
        NetStringTestClient client = connect("p-1");
        client.send("{not json");
        assertThat(client.readFrame()).asString(StandardCharsets.UTF_8).contains("\"code\":\"bad_json\"");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body().lines()).contains(
                "# HELP pollen_sessions Open sessions by keep-alive state.",
                "# TYPE pollen_sessions gauge",
                "pollen_sessions{state=\"healthy\"} 1",
                "pollen_sessions{state=\"suspect\"} 0",
                "# TYPE pollen_frames_in_total counter",
                "# TYPE pollen_bytes_out_total counter",
                "pollen_errors_total{code=\"bad_json\"} 1",
                "pollen_errors_total{code=\"bad_frame\"} 0",
                "pollen_timeouts_total 0",
                "pollen_accept_overloads_total{reason=\"max_connections\"} 0",
                "# TYPE pollen_loop_task_queue_depth gauge");
        assertThat(metrics.body()).containsPattern("(?m)^pollen_frames_in_total [1-9]\\d*$")
                .containsPattern("(?m)^pollen_loop_task_queue_depth\\{loop=\"0\"} \\d+$");
    }

    @Test
    void anUnknownPathIs404Json() throws Exception {
        for (String path : List.of("/", "/nothing", "/sessions/", "/sessions/a/b", "/sessions/a/messages/x")) {
            HttpResponse<String> answer = get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
            assertThat(answer.body()).as(path).startsWith("{\"error\":\"not_found\",\"message\":\"nothing at ");
        }
    }

    @Test
    void aWrongMethodIs405WithAllow() throws Exception {
        assertMethodNotAllowed("POST", "/health", "GET");
        assertMethodNotAllowed("DELETE", "/metrics", "GET");
        assertMethodNotAllowed("POST", "/sessions", "GET");
        assertMethodNotAllowed("PUT", "/sessions/a", "GET, DELETE");
        assertMethodNotAllowed("GET", "/sessions/a/messages", "POST");
        assertMethodNotAllowed("GET", "/broadcast", "POST");
        assertMethodNotAllowed("POST", "/nodes", "GET");
    }

    @Test
    void closeReleasesThePortAndLeavesTheServerRunning() throws Exception {
        InetSocketAddress address = gateway.localAddress();

        gateway.close();
        gateway.close();

        try (ServerSocket rebound = new ServerSocket()) {
            rebound.bind(address);
        }
        connect("still-served");
        assertThat(server.registry().size()).isEqualTo(1);
    }

    private void assertMethodNotAllowed(String method, String path, String allow) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(answer.statusCode()).as("%s %s", method, path).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).as("%s %s", method, path).hasValue(allow);
        assertThat(answer.body()).startsWith("{\"error\":\"method_not_allowed\"");
    }

    private NetStringTestClient connect(String id) throws IOException {
        return connect(id, 0);
    }

    private NetStringTestClient connect(String id, int receiveBuffer) throws IOException {
        NetStringTestClient client = NetStringTestClient.hello(server.localAddress(), id, receiveBuffer);
        clients.add(client);
        return client;
    }

    /**
     * @param length at least 4
     * @return a JSON array of exactly {@code length} bytes: {@code ["xxx...x"]}
     */
    static String jsonOfLength(int length) {
        return "[\"" + "x".repeat(length - 4) + "\"]";
    }

    private static List<String> ids(String listBody) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{\"id\":\"([^\"]*)\"").matcher(listBody);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** Asks until the answer has {@code status}: a closing session leaves the registry on its loop. */
    private int awaitStatus(String path, int status) throws Exception {
        int last = -1;
        for (int attempt = 0; attempt < 300 && last != status; attempt++) {
            if (attempt > 0) {
                Thread.sleep(10);
            }
            last = get(path).statusCode();
        }
        return last;
    }

    private URI uri(String path) {
        InetSocketAddress address = gateway.localAddress();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Writes the rest of a request body until the connection breaks. */
    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Sends a hand-written request, with a body written by {@code body} on another thread (or none),
     * and reads the answer: status line, headers and the Content-Length body.
     */
    private String rawHttp(String head, BodyWriter body) throws Exception {
        Socket socket = new Socket();
        Thread writer = null;
        try {
            socket.setSoTimeout(30_000);
            socket.connect(gateway.localAddress(), 30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (body != null) {
                writer = new Thread(() -> {
                    try {
                        body.writeTo(out);
                    } catch (IOException expected) {
                        // The gateway stopped reading and closed the connection, or the test did.
                    }
                }, "raw-http-body");
                writer.setDaemon(true);
                writer.start();
            }
            return readAnswer(socket.getInputStream());
        } finally {
            // Closing first stops a body writer that is still going.
            socket.close();
            if (writer != null) {
                writer.join(30_000);
            }
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the answer's headers: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
