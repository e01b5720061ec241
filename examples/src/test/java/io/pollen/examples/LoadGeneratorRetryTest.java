package io.pollen.examples;

import io.pollen.examples.server.ExampleServer;
import io.pollen.examples.server.ExampleServerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code loadgen --retries} against a server that dies mid-run with every client's ping in flight and
 * is replaced on the same port by the example server (on each backend): the pings are sent again
 * after the reconnect and none is lost.
 */
@OnEveryBackend
class LoadGeneratorRetryTest {
    private static final int CLIENTS = 4;

    private final String backend;

    LoadGeneratorRetryTest(String backend) {
        this.backend = backend;
    }

    @Test
    void pingsInFlightWhenTheServerDiesAreRetriedAfterTheReconnectAndNoneIsLost() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int port;
        CompletableFuture<Integer> run;
        try (PingSwallowingServer dying = new PingSwallowingServer(CLIENTS)) {
            port = dying.port();
            run = CompletableFuture.supplyAsync(() -> commandLine.execute("loadgen", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--clients", Integer.toString(CLIENTS),
                    "--connect-rate", "100/s", "--ping-interval", "100ms", "--duration", "4s", "--retries", "2"));
            assertThat(dying.awaitAPingOnEveryConnection()).as("a ping in flight on every connection").isTrue();
        }
        try (ExampleServer restarted = ExampleServer.start(new ExampleServerConfig().backend(backend)
                .address(new InetSocketAddress("127.0.0.1", port)).httpAddress(null).threads(1))) {
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        }

        Map<String, Long> summary = LoadGeneratorTest.readFlatObject(out.toString().strip());
        assertThat(summary.keySet()).containsExactly("connected", "failed", "pings", "pongs", "reconnects",
                "retried", "lost", "p50_us", "p99_us", "p999_us", "max_us");
        assertThat(summary.get("retried")).as("every swallowed ping sent again").isGreaterThanOrEqualTo(CLIENTS);
        assertThat(summary.get("lost")).isZero();
        assertThat(summary.get("reconnects")).isEqualTo(CLIENTS);
        assertThat(summary.get("connected")).isEqualTo(CLIENTS);
        assertThat(summary.get("pongs")).isPositive();
        assertThat(err.toString()).contains("retried=");
    }
}
