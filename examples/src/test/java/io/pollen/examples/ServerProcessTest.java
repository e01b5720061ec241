package io.pollen.examples;

import io.pollen.codec.json.JsonMessage;
import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.examples.server.HmacHelloAuthenticator;
import io.pollen.examples.server.ServerCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code server} command as a process: its one line, its exit status on SIGTERM (0 only after a clean
 * drain), and the hello secret it reads from its environment.
 */
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("pollen server listening on 127\\.0\\.0\\.1:(\\d+) .*?http=(?:off|http://([^ ]+)) .*");

    private final List<Path> files = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }

    /** A server process of this test's class path, with extra environment variables and system properties. */
    private Process startServer(Map<String, String> environment, List<String> systemProperties, String... options)
            throws IOException {
        // Files rather than pipes: the JDK may close a pipe under a reader when the process exits.
        Path stdout = Files.createTempFile("pollen-server", ".out");
        Path stderr = Files.createTempFile("pollen-server", ".err");
        files.add(stdout);
        files.add(stderr);
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(systemProperties);
        command.add(PollenExamples.class.getName());
        command.add("server");
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().remove(HmacHelloAuthenticator.SECRET_VARIABLE);
        builder.environment().putAll(environment);
        Process server = builder.start();
        processes.add(server);
        return server;
    }

    private Path stdout(Process server) {
        return files.get(2 * processes.indexOf(server));
    }

    private Path stderr(Process server) {
        return files.get(2 * processes.indexOf(server) + 1);
    }

    private Matcher awaitListening(Process server) throws IOException, InterruptedException {
        String line = awaitFirstLine(server, stdout(server));
        Matcher listening = LISTENING.matcher(line);
        assertThat(listening.matches()).as(line).isTrue();
        return listening;
    }

    private static InetSocketAddress sessionAddress(Matcher listening) {
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1)));
    }

    @Test
    void serverPrintsOneLineWhenListeningAndDrainsSessionsOnSigterm() throws Exception {
        Process server = startServer(Map.of(), List.of(), "--port", "0", "--http-port", "0", "--threads", "1", "--backend", "nio");
        Matcher listening = awaitListening(server);
        assertThat(listening.group()).contains("backend=nio", "http=off");

        try (WireClient client = new WireClient(sessionAddress(listening))) {
            client.send("{\"type\":\"hello\",\"id\":\"c-1\"}");
            assertThat(client.readMessage().type()).isEqualTo("welcome");

            server.destroy(); // SIGTERM

            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(server.exitValue()).as("a clean stop's exit status").isZero();
        assertThat(Files.readAllLines(stdout(server))).as("one line on standard output").hasSize(1);
        assertThat(Files.readString(stderr(server))).contains("draining 1 sessions", "pollen server stopped");
    }

    @Test
    void aStopWhoseDrainCannotFinishInTimeExitsNonZero() throws Exception {
        Process server = startServer(Map.of(), List.of("-D" + ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY + "=200ms"),
                "--port", "0", "--http-port", String.valueOf(freePort()), "--threads", "1", "--backend", "nio");
        Matcher listening = awaitListening(server);
        URI session = URI.create("http://" + listening.group(2) + "/sessions/c-1");
        try (Socket neverReads = new Socket()) {
            // A tiny receive window, so that the server's reply stays queued in the server, not in kernel buffers.
            neverReads.setReceiveBufferSize(4096);
            neverReads.connect(sessionAddress(listening), 20_000);
            OutputStream out = neverReads.getOutputStream();
            out.write(frame("{\"type\":\"hello\",\"id\":\"c-1\"}"));
            // Twelve strings of 1 MB less a little: each under the JSON string limit, 12 MB in all.
            String chunk = "\"" + "x".repeat((1 << 20) - 16) + "\"";
            out.write(frame("{\"type\":\"echo\",\"data\":[" + String.join(",", Collections.nCopies(12, chunk)) + "]}"));
            out.flush();
            awaitFramesOut(server, session, 2); // the welcome and the 12 MB echo, queued

            server.destroy(); // SIGTERM

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        }
        assertThat(server.exitValue()).as("the exit status of a drain cut short").isEqualTo(ServerCommand.EXIT_FAILED);
        assertThat(Files.readString(stderr(server))).contains("draining 1 sessions", "not cleanly");
    }

    /**
     * Issue 11's bounded memory, in a server whose whole heap (64 MiB) is smaller than the messages: an
     * upload of 100 MB whose "type" comes last (its echo copy, made until the type is known, goes to a
     * temporary file and is dropped), then an echo of 40 MB (copied to a temporary file, streamed back
     * from it). Holding either in memory, as an echo copy once did, fails with OutOfMemoryError. The
     * temporary files go to a directory of the test's, which must end with no file in it and no file
     * of it open in the server.
     */
    @Test
    void aServerWithA64MebibyteHeapAnswersMessagesLargerThanItsHeap(@TempDir Path spool) throws Exception {
        Process server = startServer(Map.of(), List.of("-Xmx64m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + spool),
                "--port", "0", "--http-port", "0", "--threads", "1", "--backend", "nio", "--max-frame", "128m");
        InetSocketAddress address = sessionAddress(awaitListening(server));
        LargeJsonMessage upload = LargeJsonMessage.uploadWithTypeLast(100_000_000);
        LargeJsonMessage echo = LargeJsonMessage.echo(40_000_000);

        try (Socket socket = new Socket()) {
            socket.connect(address, 20_000);
            socket.setSoTimeout(120_000);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);

            upload.writeFrame(out);
            out.flush();
            assertThat(readSmallFrame(in)).isEqualTo("{\"type\":\"ack\",\"bytes\":" + upload.length()
                    + ",\"tokens\":" + upload.tokens() + "}");

            echo.writeFrame(out);
            out.flush();
            assertThat(readFrameLength(in)).isEqualTo(echo.length());
            echo.assertPayloadIs(in);
            assertThat(in.read()).as("the frame's comma").isEqualTo(',');
        }
        assertThat(server.isAlive()).as("the server survived; its stderr: %s", Files.readString(stderr(server))).isTrue();
        awaitNoSpooledFileOpen(server, spool);
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("temporary files left").isEmpty();
        }
    }

    @Test
    void withAHelloSecretInTheEnvironmentOnlyAHelloWithTheIdsTokenIsWelcomed() throws Exception {
        String secret = "s3cret-for-this-test";
        Process server = startServer(Map.of(HmacHelloAuthenticator.SECRET_VARIABLE, secret), List.of(),
                "--port", "0", "--http-port", "0", "--threads", "1", "--backend", "nio");
        InetSocketAddress address = sessionAddress(awaitListening(server));

        try (WireClient good = new WireClient(address); WireClient bad = new WireClient(address)) {
            good.send("{\"type\":\"hello\",\"id\":\"c-1\",\"token\":\"" + HmacHelloAuthenticator.token(secret, "c-1") + "\"}");
            assertThat(good.readMessage().getString("session")).isEqualTo("c-1");

            bad.send("{\"type\":\"hello\",\"id\":\"c-1\",\"token\":\"" + HmacHelloAuthenticator.token("another secret", "c-1") + "\"}");
            JsonMessage refusal = bad.readMessage();
            assertThat(refusal.getString("code")).isEqualTo("unauthorized");
            assertThat(bad.closedByServer()).isTrue();

            good.send("{\"type\":\"ping\",\"seq\":1}");
            assertThat(good.readMessage().type()).isEqualTo("pong");
        }
    }

    /** Polls the REST gateway (bounded, so that a broken server fails the test) until the session has queued that many frames. */
    private static void awaitFramesOut(Process server, URI session, int frames) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = "";
        for (int attempt = 0; attempt < 600; attempt++) {
            body = http.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"frames_out\":" + frames)) {
                return;
            }
            assertThat(server.isAlive()).as("the server is still running").isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the session did not queue " + frames + " frames within a minute: " + body);
    }

    /** Polls (bounded) the server's open descriptors until none is a file of {@code directory}. */
    private static void awaitNoSpooledFileOpen(Process server, Path directory) throws IOException, InterruptedException {
        Path descriptors = Path.of("/proc", Long.toString(server.pid()), "fd");
        List<String> open = List.of();
        for (int attempt = 0; attempt < 600; attempt++) {
            open = new ArrayList<>();
            try (Stream<Path> fds = Files.list(descriptors)) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith(directory.toString())) {
                            open.add(target);
                        }
                    } catch (IOException closedMeanwhile) {
                        // The descriptor went away between the listing and the look: not open any more.
                    }
                }
            }
            if (open.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server still holds temporary files open after a minute: " + open);
    }

    /** Reads a frame's {@code <length>:}. */
    private static long readFrameLength(InputStream in) throws IOException {
        long length = 0;
        for (int c; (c = in.read()) != ':'; ) {
            if (c < '0' || c > '9') {
                throw new AssertionError("not a NetString length: character " + c);
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    /** Reads one whole frame of at most a few kilobytes as UTF-8 text. */
    private static String readSmallFrame(InputStream in) throws IOException {
        long length = readFrameLength(in);
        assertThat(length).as("a small frame").isLessThan(1 << 16);
        String payload = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
        assertThat(in.read()).as("the frame's comma").isEqualTo(',');
        return payload;
    }

    /** A port free a moment ago: the REST gateway has no "any free port" value, as 0 switches it off. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static byte[] frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] length = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(length, length.length + bytes.length + 1);
        System.arraycopy(bytes, 0, frame, length.length, bytes.length);
        frame[frame.length - 1] = ',';
        return frame;
    }

    /** Waits (bounded, so that a broken server fails the test instead of hanging it) for a whole line. */
    private static String awaitFirstLine(Process server, Path stdout) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            String text = Files.readString(stdout);
            if (text.indexOf('\n') >= 0) {
                return text.substring(0, text.indexOf('\n'));
            }
            assertThat(server.isAlive()).as("the server is still running").isTrue();
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(stdout);
        throw new AssertionError("the server printed no line within a minute: " + lines);
    }
}
