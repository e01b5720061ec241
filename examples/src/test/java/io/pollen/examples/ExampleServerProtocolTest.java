package io.pollen.examples;

import io.pollen.codec.json.JsonMessage;
import io.pollen.examples.server.ExampleServer;
import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.session.KeepAlivePolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
class ExampleServerProtocolTest {
    private static final KeepAlivePolicy LONG_KEEP_ALIVE = new KeepAlivePolicy(Duration.ofSeconds(30), 3);
    private static final long SIXTEEN_MIB = 16L << 20;

    private static ExampleServer start(String backend, KeepAlivePolicy keepAlive, long maxFrame) throws IOException {
        return ExampleServer.start(new ExampleServerConfig(backend, new InetSocketAddress("127.0.0.1", 0), null, null,
                1, keepAlive, maxFrame, 0));
    }

    private static ExampleServer start(String backend) throws IOException {
        return start(backend, LONG_KEEP_ALIVE, SIXTEEN_MIB);
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void helloIsWelcomedUnderTheClaimedIdWithTheKeepAliveInterval(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-42\"}");

            assertThat(client.read()).isEqualTo("{\"type\":\"welcome\",\"session\":\"c-42\",\"keepalive_ms\":30000}");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void helloWithAnIdAlreadyConnectedClosesTheOlderSession(String backend) throws IOException {
        try (ExampleServer server = start(backend);
             WireClient older = new WireClient(server.address());
             WireClient newer = new WireClient(server.address())) {
            older.send("{\"type\":\"hello\",\"id\":\"c-42\"}");
            assertThat(older.readMessage().type()).isEqualTo("welcome");

            newer.send("{\"type\":\"hello\",\"id\":\"c-42\"}");

            assertThat(newer.readMessage().getString("session")).isEqualTo("c-42");
            assertThat(drainUntilClosed(older)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void emptyFrameIsAnsweredWithNothing(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.sendRaw("0:,".getBytes(StandardCharsets.US_ASCII));
            client.send("{\"type\":\"ping\",\"seq\":1}");

            // Had the keep-alive been answered, its reply would come before the pong.
            assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":1}");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void pingIsAnsweredWithAPongOfTheSameSeq(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"ping\",\"seq\":7}");

            assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":7}");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void echoSendsTheSameObjectBack(String backend) throws IOException {
        String message = "{\"type\":\"echo\",\"text\":\"h\\u00e9llo\",\"n\":[1,2.5,{\"deep\":null}],\"ok\":true}";
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send(message);

            assertThat(client.read()).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void echoAboveTheLargeMessageThresholdComesBackWhole(String backend) throws IOException {
        String message = "{\"type\":\"echo\",\"data\":\"" + "x".repeat(200_000) + "\"}";
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send(message);

            assertThat(client.read()).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void smallUploadIsAcknowledgedWithItsBytesAndTokens(String backend) throws IOException {
        String upload = upload(3);
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send(upload);

            assertThat(client.read()).isEqualTo(ack(upload, 3));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void uploadOfAMegabyteIsCountedAsItStreams(String backend) throws IOException {
        String upload = upload(170_000);
        assertThat(upload.length()).isGreaterThan(1 << 20);
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send(upload);

            assertThat(client.read()).isEqualTo(ack(upload, 170_000));
            client.send("{\"type\":\"ping\",\"seq\":2}");
            assertThat(client.read()).isEqualTo("{\"type\":\"pong\",\"seq\":2}");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void unknownTypeIsABadMessageAndTheSessionStaysOpen(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"launch\",\"target\":\"moon\"}");

            assertError(client.readMessage(), "bad_message");
            assertStillAnswers(client);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void jsonThatIsNotAnObjectIsABadMessageAndTheSessionStaysOpen(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send("[1,2,3]");
            assertError(client.readMessage(), "bad_message");
            client.send("\"just a string\"");
            assertError(client.readMessage(), "bad_message");

            assertStillAnswers(client);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void payloadThatIsNotJsonIsBadJsonAndTheSessionStaysOpen(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"echo\",");

            assertError(client.readMessage(), "bad_json");
            assertStillAnswers(client);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void framingErrorIsBadFrameThenClose(String backend) throws IOException {
        try (ExampleServer server = start(backend); WireClient client = new WireClient(server.address())) {
            client.sendRaw("02:{},".getBytes(StandardCharsets.US_ASCII));

            assertError(client.readMessage(), "bad_frame");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void frameOverTheMaximumIsTooLargeAsSoonAsItsLengthIsReadThenClose(String backend) throws IOException {
        try (ExampleServer server = start(backend, LONG_KEEP_ALIVE, 1024);
             WireClient client = new WireClient(server.address())) {
            // Only the length: the answer must not wait for a payload that will never come.
            client.sendRaw("1025:".getBytes(StandardCharsets.US_ASCII));

            assertError(client.readMessage(), "too_large");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void silencePastTheKeepAliveLimitIsTimeoutThenClose(String backend) throws IOException {
        try (ExampleServer server = start(backend, new KeepAlivePolicy(Duration.ofMillis(200), 1), SIXTEEN_MIB);
             WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"quiet\"}");
            assertThat(client.readMessage().getLong("keepalive_ms")).isEqualTo(200);

            assertError(client.readMessage(), "timeout");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pollen.examples.TestBackends#all")
    void restGatewayReportsHealthWithTheBackendAndSessions(String backend) throws Exception {
        InetSocketAddress http = new InetSocketAddress("127.0.0.1", freePort());
        try (ExampleServer server = ExampleServer.start(new ExampleServerConfig(backend,
                new InetSocketAddress("127.0.0.1", 0), http, null, 1, LONG_KEEP_ALIVE, SIXTEEN_MIB, 0));
             WireClient client = new WireClient(server.address())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-1\"}");
            client.read();

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.getPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"backend\":\"" + backend + "\",\"sessions\":1}");
        }
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
