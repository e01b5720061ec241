package io.pollen.examples.loadgen;

import io.pollen.codec.json.JsonMessage;
import io.pollen.examples.PollenExamples;
import io.pollen.examples.server.HmacHelloAuthenticator;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.session.HelloAuthenticator;
import io.pollen.session.SessionServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code loadgen --hello} and {@code --processes} against an in-JVM session server on each backend,
 * whose hello authenticator records the ids the clients claim: the ids are the contract's, the tokens
 * those the example server checks, and a run over two child processes sums up as one.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("backends")
class LoadgenProcessesTest {
    private static final String SECRET = "shared by the server and the load generator";
    private static final int CLIENTS = 6;
    private static final Duration PING_INTERVAL = Duration.ofMillis(200);
    private static final Duration DURATION = Duration.ofSeconds(2);
    private static final Pattern SUMMARY_FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");

    private final String backend;
    private final Set<String> permitted = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    LoadgenProcessesTest(String backend) {
        this.backend = backend;
    }

    static List<String> backends() {
        return BackendAliases.AUTO_PREFERENCE;
    }

    /** A session server that answers pings and records each claimed id, and whether its hello was let in. */
    private SessionServer server(HelloAuthenticator check) throws IOException {
        HelloAuthenticator recording = (String claimedId, JsonMessage hello, SocketAddress remote) -> {
            boolean ok = check.permits(claimedId, hello, remote);
            (ok ? permitted : refused).add(String.valueOf(claimedId));
            return ok;
        };
        return SessionServer.builder().reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0)).helloAuthenticator(recording)
                .handler((session, message) -> { })
                .build();
    }

    private LoadPlan plan(SessionServer server, ClientIds ids) {
        return new LoadPlan(server.localAddress(), CLIENTS, 100, PING_INTERVAL, DURATION, List.of(), 0, ids);
    }

    private static Set<String> ids(String prefix) {
        return IntStream.range(0, CLIENTS).mapToObj(i -> prefix + i).collect(Collectors.toSet());
    }

    @Test
    void twoProcessesSumUpInOneSummaryAndClaimTheContractsIds() throws Exception {
        try (SessionServer server = server(HelloAuthenticator.PERMIT_ALL)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = PollenExamples.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));

            int status = commandLine.execute("loadgen", "--port", Integer.toString(server.localAddress().getPort()),
                    "--clients", Integer.toString(CLIENTS), "--connect-rate", "100/s", "--ping-interval", "200ms",
                    "--duration", "2s", "--processes", "2", "--hello", "lg-");

            assertThat(status).as("exit status; stderr: " + err).isZero();
            assertThat(out.toString().lines()).as("one summary for both processes").hasSize(1);
            Map<String, Long> summary = fields(out.toString().strip());
            assertThat(summary.get("connected")).isEqualTo(CLIENTS);
            assertThat(summary.get("failed")).isZero();
            assertThat(summary.get("lost")).isZero();
            // One process's half of the clients could get at most this many pongs in the run: more is a sum.
            long oneHalfAtMost = CLIENTS / 2 * (DURATION.toMillis() / PING_INTERVAL.toMillis() + 1);
            assertThat(summary.get("pongs")).isGreaterThan(oneHalfAtMost).isLessThanOrEqualTo(summary.get("pings"))
                    .as("no more pongs than the server sent").isLessThanOrEqualTo(server.metrics().framesOut() - CLIENTS);
            assertThat(summary.get("p50_us")).isPositive().isLessThanOrEqualTo(summary.get("p99_us"));
            assertThat(summary.get("p99_us")).isLessThanOrEqualTo(summary.get("max_us"));
            assertThat(permitted).as("the ids the server saw").isEqualTo(ids("lg-"));
            assertThat(err.toString()).as("the children's progress folded into one line a second")
                    .contains("loadgen t=1s opened=").contains("/" + CLIENTS + " connected=");
        }
    }

    @Test
    void withTheHelloSecretEachClientInEachProcessProvesItsId() throws Exception {
        try (SessionServer server = server(new HmacHelloAuthenticator(SECRET))) {
            LoadResult result = new LoadProcesses(plan(server, ClientIds.prefixed("sec-", SECRET)), 2)
                    .run(progress -> { }, new PrintWriter(new StringWriter(), true));

            assertThat(refused).isEmpty();
            assertThat(permitted).isEqualTo(ids("sec-"));
            assertThat(result.counts().connected()).isEqualTo(CLIENTS);
            assertThat(result.counts().pongs()).isPositive();
        }
    }

    @Test
    void withTheHelloSecretOneProcessProvesEveryId() throws Exception {
        try (SessionServer server = server(new HmacHelloAuthenticator(SECRET))) {
            LoadSummary summary = new LoadGenerator(plan(server, ClientIds.prefixed("one-", SECRET)))
                    .run(new PrintWriter(new StringWriter(), true));

            assertThat(refused).isEmpty();
            assertThat(permitted).isEqualTo(ids("one-"));
            assertThat(summary.connected()).isEqualTo(CLIENTS);
        }
    }

    @Test
    void withoutTheSecretTheServerRefusesEveryClaim() throws Exception {
        try (SessionServer server = server(new HmacHelloAuthenticator(SECRET))) {
            LoadSummary summary = new LoadGenerator(plan(server, ClientIds.prefixed("anon-", null)))
                    .run(new PrintWriter(new StringWriter(), true));

            assertThat(permitted).isEmpty();
            assertThat(refused).isEqualTo(ids("anon-"));
            assertThat(summary.connected()).isZero();
            assertThat(summary.failed()).isEqualTo(CLIENTS);
        }
    }

    private static Map<String, Long> fields(String json) {
        Map<String, Long> fields = new LinkedHashMap<>();
        Matcher matcher = SUMMARY_FIELD.matcher(json);
        while (matcher.find()) {
            fields.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return fields;
    }
}
