package io.pollen.session.rest;

import io.pollen.session.OnEveryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11's REST story in a server whose whole heap (64 MiB) is smaller than the message: a 100 MB JSON
 * body posted chunked arrives byte for byte at the session's client, on every backend. The server runs
 * in a child JVM ({@link RestServerMain}); this JVM never holds the message either: it is generated as
 * it is sent and digested as it is received. The spool file must then be gone, closed in the server.
 */
@OnEveryBackend
class RestHugeMessageForkedTest {
    private static final long HUNDRED_MB = 100_000_000;

    @TempDir
    Path spool;

    private final String backend;
    private Process server;

    RestHugeMessageForkedTest(String backend) {
        this.backend = backend;
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.getOutputStream().close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aHundredMegabyteMessageArrivesVerbatimFromAServerWithA64MebibyteHeap() throws Exception {
        Path stderr = spool.resolveSibling(spool.getFileName() + "-stderr.txt");
        server = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                RestServerMain.class.getName(), backend, spool.toString())
                .redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
        String listening = out.readLine();
        assertThat(listening).as("the server's first line; its stderr: %s", stderr).startsWith("LISTENING ");
        String[] ports = listening.split(" ");
        InetSocketAddress sessions = new InetSocketAddress("127.0.0.1", Integer.parseInt(ports[1]));
        InetSocketAddress rest = new InetSocketAddress("127.0.0.1", Integer.parseInt(ports[2]));
        GeneratedJson json = new GeneratedJson(HUNDRED_MB, '}');

        try (NetStringTestClient client = NetStringTestClient.hello(sessions, "huge-1")) {
            RawHttpClient.Answer sent = RawHttpClient.exchange(rest, "POST", "/sessions/huge-1/messages",
                    new GeneratedJson(HUNDRED_MB, '}'), -1, "");

            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
            assertThat(client.readFrameDigest()).isEqualTo(json.digest());
        }
        assertThat(server.isAlive()).as("the server survived; its stderr: %s", Files.readString(stderr)).isTrue();
        awaitNoSpoolFileOpen();
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("spool files left").isEmpty();
        }
    }

    /** The session closes the spool file once its region is sent, on its loop: wait for that. */
    private void awaitNoSpoolFileOpen() throws Exception {
        Path fds = Path.of("/proc", String.valueOf(server.pid()), "fd");
        List<String> open = List.of();
        for (int attempt = 0; attempt < 500; attempt++) {
            open = spoolFilesOpen(fds);
            if (open.isEmpty()) {
                return;
            }
            Thread.sleep(10);
        }
        assertThat(open).as("spool files the server still has open").isEmpty();
    }

    private List<String> spoolFilesOpen(Path fds) throws IOException {
        try (Stream<Path> links = Files.list(fds)) {
            return links.map(link -> {
                try {
                    return Files.readSymbolicLink(link).toString();
                } catch (IOException closedMeanwhile) {
                    return "";
                }
            }).filter(target -> target.startsWith(spool + "/")).toList();
        }
    }
}
