package io.pollen.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code server} command as a process: its one line, and its exit on SIGTERM after draining. */
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("pollen server listening on 127\\.0\\.0\\.1:(\\d+) .*");

    @Test
    void serverPrintsOneLineWhenListeningAndDrainsSessionsOnSigterm() throws Exception {
        // Files rather than pipes: the JDK may close a pipe under a reader when the process exits.
        Path stdout = Files.createTempFile("pollen-server", ".out");
        Path stderr = Files.createTempFile("pollen-server", ".err");
        Process server = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PollenExamples.class.getName(),
                "server", "--port", "0", "--http-port", "0", "--threads", "1", "--backend", "nio")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            String line = awaitFirstLine(server, stdout);
            Matcher listening = LISTENING.matcher(line);
            assertThat(listening.matches()).as(line).isTrue();
            assertThat(line).contains("backend=nio", "http=off");

            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1)));
            try (WireClient client = new WireClient(address)) {
                client.send("{\"type\":\"hello\",\"id\":\"c-1\"}");
                assertThat(client.readMessage().type()).isEqualTo("welcome");

                server.destroy(); // SIGTERM

                assertThat(client.closedByServer()).isTrue();
            }
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(server.exitValue()).as("a clean stop's exit status").isZero();
            assertThat(Files.readAllLines(stdout)).as("one line on standard output").hasSize(1);
            assertThat(Files.readString(stderr)).contains("draining 1 sessions", "pollen server stopped");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
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
