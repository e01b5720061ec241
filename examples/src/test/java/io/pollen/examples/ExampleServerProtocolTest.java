package io.pollen.examples;

import io.pollen.codec.json.JsonMessage;
import io.pollen.examples.server.ExampleServer;
import io.pollen.examples.server.ExampleServerConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md's wire-protocol table, row by row, against the example server over loopback sockets, on
 * every backend.
 */
@OnEveryBackend
class ExampleServerProtocolTest {
    private static final long SIXTEEN_MIB = 16L << 20;

    private final String backend;

    ExampleServerProtocolTest(String backend) {
        this.backend = backend;
    }

    /** The contract's settings, on this backend, one loop, any free port and no REST gateway; a subclass may add to them. */
    ExampleServerConfig config() {
        return new ExampleServerConfig().backend(backend).address(new InetSocketAddress("127.0.0.1", 0))
                .httpAddress(null).threads(1);
    }

    private ExampleServer start() throws IOException {
        return ExampleServer.start(config());
    }

    @Test
    void helloIsWelcomedUnderTheClaimedIdWithTheKeepAliveInterval() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-42\"}");

            assertThat(client.read()).isEqualTo("{\"type\":\"welcome\",\"session\":\"c-42\",\"keepalive_ms\":30000}");
        }
    }

    @Test
    void helloWithAnIdAlreadyConnectedClosesTheOlderSession() throws IOException {
        try (ExampleServer server = start();
             WireClient older = new WireClient(server.address());
             WireClient newer = new WireClient(server.address())) {
            older.send("{\"type\":\"hello\",\"id\":\"c-42\"}");
            assertThat(older.readMessage().type()).isEqualTo("welcome");

            newer.send("{\"type\":\"hello\",\"id\":\"c-42\"}");

            assertThat(newer.readMessage().getString("session")).isEqualTo("c-42");
            assertThat(drainUntilClosed(older)).isTrue();
        }
    }

    @Test
    void helloClaimingAnIdTheServerAssignedIsAnsweredIdTakenAndBothStayOpen() throws IOException {
        try (ExampleServer server = start();
             WireClient holder = new WireClient(server.address());
             WireClient claimant = new WireClient(server.address())) {
            holder.send("{\"type\":\"hello\"}");
            String assigned = holder.readMessage().getString("session");

            claimant.send("{\"type\":\"hello\",\"id\":\"" + assigned + "\"}");

            JsonMessage refusal = claimant.readMessage();
            assertThat(refusal.type()).isEqualTo("error");
            assertThat(refusal.getString("code")).isEqualTo("id_taken");
            for (WireClient stillOpen : new WireClient[] {holder, claimant}) {
                stillOpen.send("{\"type\":\"ping\",\"seq\":3}");
                assertThat(stillOpen.read()).isEqualTo("{\"type\":\"pong\",\"seq\":3}");
            }
        }
    }

    @Test
    void emptyFrameIsAnsweredWithNothing() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.sendRaw("0:,".getBytes(StandardCharsets.US_ASCII));
            client.send("{\"type\":\"ping\",\"seq\":1}");

            // Had the keep-alive been answered, its reply would come before the pong.
            assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":1}");
        }
    }

    @Test
    void pingIsAnsweredWithAPongOfTheSameSeq() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"ping\",\"seq\":7}");

            assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":7}");
        }
    }

    @Test
    void echoSendsTheSameObjectBack() throws IOException {
        String message = "{\"type\":\"echo\",\"text\":\"h\\u00e9llo\",\"n\":[1,2.5,{\"deep\":null}],\"ok\":true}";
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(message);

            assertThat(client.read()).isEqualTo(message);
        }
    }

    @Test
    void echoAboveTheLargeMessageThresholdComesBackWhole() throws IOException {
        String message = "{\"type\":\"echo\",\"data\":\"" + "x".repeat(200_000) + "\"}";
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(message);

            assertThat(client.read()).isEqualTo(message);
        }
    }

    @Test
    void echoAboveTheLargeMessageThresholdComesBackByteForByteWhitespaceIncluded() throws IOException {
        String message = "{ \"type\" : \"echo\",\n  \"data\": [ " + "\"x\" ,\t".repeat(40_000) + "1 ]\r\n}";
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(message);

            assertThat(client.read().equals(message)).as("the echo is the message, byte for byte").isTrue();
        }
    }

    @Test
    void aLargeMessageOfAnUnknownTypeIsRefusedAsSoonAsItsTypeIsRead() throws IOException {
        String head = "{\"type\":\"launch\",\"data\":\"";
        String message = head + "x".repeat(200_000) + "\"}";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.sendRaw((bytes.length + ":" + head).getBytes(StandardCharsets.UTF_8));

            // Answered before the client sent more than the type: the message was not parsed to its end.
            assertError(client.readMessage(), "bad_message");
            client.sendRaw((message.substring(head.length()) + ",").getBytes(StandardCharsets.UTF_8));
            assertStillAnswers(client);
        }
    }

    @Test
    void echoOfTheLargestAcceptedSizeComesBackWhole() throws IOException {
        // The contract's --max-frame, four times what a bare reactor queues per connection: it comes back
        // because the session's write cap holds one frame of the largest accepted size.
        String message = echoOfLength((int) SIXTEEN_MIB);
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(message);
            String reply = client.read();

            assertThat(reply.length()).isEqualTo(message.length());
            assertThat(reply.equals(message)).as("the echo equals the message").isTrue();
            assertStillAnswers(client);
        }
    }

    @Test
    void echoOfFiveMegabytesComesBackWholeThroughATemporaryFile() throws IOException {
        // Five times the echo's in-memory bound: its copy goes to a temporary file, streamed back from there.
        String message = echoOfLength(5_000_000);
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(message);
            String reply = client.read();

            assertThat(reply.length()).isEqualTo(message.length());
            assertThat(reply.equals(message)).as("the echo equals the message").isTrue();
            assertStillAnswers(client);
        }
    }

    @Test
    void uploadWithItsTypeLastIsAcknowledgedWithItsBytesAndTokens() throws IOException {
        // Past the echo's in-memory bound before the type says it is no echo: the copy made meanwhile is dropped.
        String upload = "{\"data\":[" + IntStream.range(0, 400_000).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")) + "],\"type\":\"upload\"}";
        assertThat(upload.length()).isGreaterThan(2 << 20);
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(upload);

            assertThat(client.read()).isEqualTo(ack(upload, 400_000));
            assertStillAnswers(client);
        }
    }

    @Test
    void smallUploadIsAcknowledgedWithItsBytesAndTokens() throws IOException {
        String upload = upload(3);
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(upload);

            assertThat(client.read()).isEqualTo(ack(upload, 3));
        }
    }

    @Test
    void uploadOfAMegabyteIsCountedAsItStreams() throws IOException {
        String upload = upload(170_000);
        assertThat(upload.length()).isGreaterThan(1 << 20);
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send(upload);

            assertThat(client.read()).isEqualTo(ack(upload, 170_000));
            client.send("{\"type\":\"ping\",\"seq\":2}");
            assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":2}");
        }
    }

    @Test
    void unknownTypeIsABadMessageAndTheSessionStaysOpen() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"launch\",\"target\":\"moon\"}");

            assertError(client.readMessage(), "bad_message");
            assertStillAnswers(client);
        }
    }

    @Test
    void jsonThatIsNotAnObjectIsABadMessageAndTheSessionStaysOpen() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("[1,2,3]");
            assertError(client.readMessage(), "bad_message");
            client.send("\"just a string\"");
            assertError(client.readMessage(), "bad_message");

            assertStillAnswers(client);
        }
    }

    @Test
    void payloadThatIsNotJsonIsBadJsonAndTheSessionStaysOpen() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"echo\",");

            assertError(client.readMessage(), "bad_json");
            assertStillAnswers(client);
        }
    }

    @Test
    void validJsonOverALimitIsLimitExceededNamingItAndTheConnectionStaysOpen() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            // The default nesting limit is 64: 65 arrays deep is valid JSON over it.
            client.send("{\"type\":\"echo\",\"x\":" + "[".repeat(65) + "]".repeat(65) + "}");

            JsonMessage reply = client.readMessage();
            assertError(reply, "limit_exceeded");
            assertThat(reply.getString("limit")).isEqualTo("max_nesting_depth");
            assertStillAnswers(client);
        }
    }

    @Test
    void framingErrorIsBadFrameThenClose() throws IOException {
        try (ExampleServer server = start(); WireClient client = new WireClient(server.address())) {
            client.sendRaw("02:{},".getBytes(StandardCharsets.US_ASCII));

            assertError(client.readMessage(), "bad_frame");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void frameOverTheMaximumIsTooLargeAsSoonAsItsLengthIsReadThenClose() throws IOException {
        try (ExampleServer server = ExampleServer.start(config().maxFrameLength(1024));
             WireClient client = new WireClient(server.address())) {
            // Only the length: the answer must not wait for a payload that will never come.
            client.sendRaw("1025:".getBytes(StandardCharsets.US_ASCII));

            assertError(client.readMessage(), "too_large");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void silencePastTheKeepAliveLimitIsTimeoutThenClose() throws IOException {
        try (ExampleServer server = ExampleServer.start(config()
                .keepAlive(k -> k.interval(Duration.ofMillis(200)).misses(1)));
             WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"quiet\"}");
            assertThat(client.readMessage().getLong("keepalive_ms")).isEqualTo(200);

            assertError(client.readMessage(), "timeout");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void restGatewayReportsHealthWithTheBackendAndSessions() throws Exception {
        InetSocketAddress http = new InetSocketAddress("127.0.0.1", freePort());
        try (ExampleServer server = ExampleServer.start(config().httpAddress(http));
             WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-1\"}");
            client.read();

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"backend\":\"" + backend + "\",\"sessions\":1,\"nodes\":1}");
        }
    }

    /**
     * An echo of exactly {@code length} bytes whose strings stay far below the JSON string limit:
     * {@code {"type":"echo","data":["xx…x","xx…x",…]}}.
     */
    private static String echoOfLength(int length) {
        StringBuilder json = new StringBuilder(length).append("{\"type\":\"echo\",\"data\":[");
        String end = "]}";
        String element = "\"" + "x".repeat(1000) + "\"";
        boolean first = true;
        while (length - json.length() - end.length() > 2 * (element.length() + 1)) {
            json.append(first ? "" : ",").append(element);
            first = false;
        }
        int lastChars = length - json.length() - end.length() - (first ? 0 : 1) - 2;
        json.append(first ? "" : ",").append('"').append("x".repeat(lastChars)).append('"').append(end);
        return json.toString();
    }

    /** An upload of {@code numbers} integers: {@code {"type":"upload","data":[0,1,...]}}. */
    private static String upload(int numbers) {
        return "{\"type\":\"upload\",\"data\":["
                + IntStream.range(0, numbers).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}";
    }

    /** The ack of {@link #upload}: {, "type", "upload", "data", [, the numbers, ], } make numbers + 7 tokens. */
    private static String ack(String upload, int numbers) {
        return "{\"type\":\"ack\",\"bytes\":" + upload.getBytes(StandardCharsets.UTF_8).length
                + ",\"tokens\":" + (numbers + 7) + "}";
    }

    private static void assertError(JsonMessage reply, String code) {
        assertThat(reply.type()).isEqualTo("error");
        assertThat(reply.getString("code")).isEqualTo(code);
    }

    private static void assertStillAnswers(WireClient client) throws IOException {
        client.send("{\"type\":\"ping\",\"seq\":99}");
        assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":99}");
    }

    /** Reads and drops frames (a best-effort notice, say) until the server closes. */
    private static boolean drainUntilClosed(WireClient client) throws IOException {
        while (true) {
            try {
                client.read();
            } catch (java.io.EOFException | java.net.SocketException closed) {
                return true;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
