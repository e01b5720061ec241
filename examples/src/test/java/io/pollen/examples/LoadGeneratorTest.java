package io.pollen.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.examples.server.ExampleServer;
import io.pollen.examples.server.ExampleServerConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A short load run against an in-process example server, read back from its JSON summary line. */
class LoadGeneratorTest {

    @Test
    void shortRunConnectsEveryClientPingsAndSummarizesInOneJsonLine() throws IOException {
        try (ExampleServer server = ExampleServer.start(new ExampleServerConfig()
                .address(new InetSocketAddress("127.0.0.1", 0)).httpAddress(null).threads(1).maxFrameLength(1 << 20))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = PollenExamples.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));

            int status = commandLine.execute("loadgen", "--host", "127.0.0.1",
                    "--port", Integer.toString(server.address().getPort()), "--clients", "6", "--connect-rate", "100/s",
                    "--ping-interval", "200ms", "--duration", "2s", "--source-ips", "127.0.0.2,127.0.0.3");

            assertThat(status).isZero();
            assertThat(out.toString().lines()).hasSize(1);
            Map<String, Long> summary = readFlatObject(out.toString().strip());
            assertThat(summary.keySet()).as("DESIGN.md's keys, in its order").containsExactly("connected", "failed",
                    "pings", "pongs", "reconnects", "retried", "lost", "p50_us", "p99_us", "p999_us", "max_us");
            assertThat(summary.get("reconnects")).isZero();
            assertThat(summary.get("retried")).isZero();
            assertThat(summary.get("lost")).isZero();
            assertThat(summary.get("connected")).isEqualTo(6);
            assertThat(summary.get("failed")).isZero();
            assertThat(summary.get("pings")).isPositive();
            assertThat(summary.get("pongs")).isPositive().isLessThanOrEqualTo(summary.get("pings"));
            assertThat(summary.get("p50_us")).isPositive()
                    .isLessThanOrEqualTo(summary.get("p99_us"));
            assertThat(summary.get("p99_us")).isLessThanOrEqualTo(summary.get("p999_us"));
            assertThat(summary.get("p999_us")).isLessThanOrEqualTo(summary.get("max_us"));
            assertThat(err.toString()).as("progress each second").contains("loadgen t=1s");
        }
    }

    @Test
    void runAgainstNoServerCountsEveryClientAsFailed() throws IOException {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        StringWriter out = new StringWriter();
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));

        int status = commandLine.execute("loadgen", "--port", Integer.toString(closedPort), "--clients", "3",
                "--connect-rate", "100/s", "--duration", "1s");

        assertThat(status).isZero();
        Map<String, Long> summary = readFlatObject(out.toString().strip());
        assertThat(summary.get("connected")).isZero();
        assertThat(summary.get("failed")).isEqualTo(3);
        assertThat(summary.get("pongs")).isZero();
    }

    /** Reads {@code {"name":integer,...}}, in order. */
    static Map<String, Long> readFlatObject(String json) throws IOException {
        Map<String, Long> fields = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                assertThat(parser.nextToken()).as(name).isEqualTo(JsonToken.VALUE_NUMBER_INT);
                fields.put(name, parser.getLongValue());
            }
            assertThat(parser.nextToken()).as("nothing after the object").isNull();
        }
        return fields;
    }
}
