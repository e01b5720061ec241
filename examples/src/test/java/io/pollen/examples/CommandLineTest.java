package io.pollen.examples;

import io.pollen.examples.cli.ByteSizeConverter;
import io.pollen.examples.cli.DurationConverter;
import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.examples.server.ServerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line as users type it: sizes, durations, defaults, help and refusals. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static ExampleServerConfig serverConfig(String... args) {
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.parseArgs(args);
        return commandLine.getSubcommands().get("server").<ServerCommand>getCommand().config();
    }

    @Test
    void sizesArePlainBytesOrBinaryKilobytesAndMegabytes() {
        assertThat(ByteSizeConverter.parse("1048576")).isEqualTo(1_048_576);
        assertThat(ByteSizeConverter.parse("64k")).isEqualTo(65_536);
        assertThat(ByteSizeConverter.parse("16m")).isEqualTo(16L << 20);
        assertThat(ByteSizeConverter.parse("16M")).isEqualTo(16L << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "12x", "-1", "1.5m", "16 mb", "99999999999999999999"})
    void somethingElseIsNotASize(String value) {
        assertThatThrownBy(() -> ByteSizeConverter.parse(value)).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void durationsTakeAUnit() {
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "0s", "-1s", "1d", "1.5s", "s", ""})
    void somethingElseIsNotADuration(String value) {
        assertThatThrownBy(() -> DurationConverter.parse(value)).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void serverDefaultsAreTheContractsDefaults() {
        ExampleServerConfig config = serverConfig("server");

        assertThat(config.backend()).isEqualTo("auto");
        assertThat(config.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 7000));
        assertThat(config.httpAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(config.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.keepAlive().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.keepAlive().misses()).isEqualTo(3);
        assertThat(config.maxFrameLength()).isEqualTo(16L << 20);
        assertThat(config.maxSessions()).isZero();
    }

    @Test
    void serverOptionsReachTheConfig() {
        ExampleServerConfig config = serverConfig("server", "--backend", "poll", "--host", "127.0.0.5", "--port", "7001",
                "--http-port", "0", "--threads", "3", "--keepalive", "500ms", "--keepalive-misses", "2",
                "--max-frame", "64k", "--max-sessions", "10");

        assertThat(config.backend()).isEqualTo("poll");
        assertThat(config.address()).isEqualTo(new InetSocketAddress("127.0.0.5", 7001));
        assertThat(config.httpAddress()).as("--http-port 0 switches the gateway off").isNull();
        assertThat(config.threads()).isEqualTo(3);
        assertThat(config.keepAlive().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.keepAlive().misses()).isEqualTo(2);
        assertThat(config.maxFrameLength()).isEqualTo(65_536);
        assertThat(config.maxSessions()).isEqualTo(10);
    }

    @Test
    void eachCommandHasHelp() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).contains("--backend", "--keepalive-misses", "--max-frame", "--max-sessions");
        assertThat(run("loadgen", "--help")).isZero();
        assertThat(out.toString()).contains("--connect-rate", "--ping-interval", "--source-ips", "p999_us");
    }

    @Test
    void badValueIsNamedAndExitsWithUsageStatus() {
        assertThat(run("server", "--max-frame", "12x")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-frame", "12x", "server --help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=70000", "--threads=0", "--keepalive-misses=0", "--backend=kqueue", "--bogus"})
    void outOfRangeOrUnknownServerOptionIsRefused(String option) {
        assertThat(run("server", option)).isEqualTo(2);
        assertThat(err.toString()).isNotBlank();
    }

    @Test
    void aKeepAliveLimitThatOverflowsIsRefusedAtStartup() {
        // Each value is in range; their product, the silence that closes a session, is not.
        assertThat(run("server", "--keepalive", "1h", "--keepalive-misses", "2147483647")).isEqualTo(2);
        assertThat(err.toString()).contains("interval (PT1H) times misses (2147483647), overflows");
    }

    @Test
    void aDrainTimeoutPropertyThatIsNoDurationIsRefusedAtStartup() {
        System.setProperty(ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY, "soon");
        try {
            assertThat(run("server", "--port", "0", "--http-port", "0")).isEqualTo(2);
            assertThat(err.toString()).contains(ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY, "'soon' is not a duration");
        } finally {
            System.clearProperty(ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY);
        }
    }

    @Test
    void anEmptyHelloSecretIsRefusedBeforeAnythingListens() {
        assertThatThrownBy(() -> new ExampleServerConfig().helloSecret("").conclude())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POLLEN_HELLO_SECRET is set but empty");
    }

    @Test
    void restGatewayOffLoopbackWithoutATokenIsRefused() throws Exception {
        int httpPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            httpPort = probe.getLocalPort();
        }

        int status = run("server", "--port", "0", "--threads", "1", "--http-host", "0.0.0.0",
                "--http-port", Integer.toString(httpPort));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).containsIgnoringCase("token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--clients=0", "--connect-rate=0/s", "--ping-interval=1", "--source-ips=example.com"})
    void badLoadgenOptionIsRefused(String option) {
        assertThat(run("loadgen", option)).isEqualTo(2);
        assertThat(err.toString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--processes=0|--processes must be at least 1",
            "--processes=3 --clients=2|--clients (2) must be at least --processes (3)",
            "--processes=2 --clients=10 --connect-rate=1/s|--connect-rate (1/s) must be at least --processes (2)",
            "--clients=5000000|spread them with --processes"})
    void loadgenProcessesThatCannotShareTheRunAreRefused(String optionsAndExpectedMessage) {
        String[] optionsAndMessage = optionsAndExpectedMessage.split("\\|");
        String[] args = ("loadgen " + optionsAndMessage[0]).split(" ");

        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString()).contains(optionsAndMessage[1]);
    }

    @Test
    void aHelloPrefixMakingIdsLongerThanAServerTakesIsRefused() {
        assertThat(run("loadgen", "--clients", "10", "--hello", "x".repeat(256))).isEqualTo(2);
        assertThat(err.toString()).contains("--hello", "that a server refuses");
    }

    @Test
    void loadgenHelpShowsProcessesAndHelloButNotTheChildsOwnOptions() {
        assertThat(run("loadgen", "--help")).isZero();
        assertThat(out.toString()).contains("--processes", "--hello=PREFIX", "POLLEN_HELLO_SECRET")
                .doesNotContain("--child", "--first-client");
    }

    @Test
    void clusterOptionsReachTheConfigAndDefaultToOneProcessAlone() {
        ExampleServerConfig alone = serverConfig("server");
        assertThat(alone.redisUri()).isNull();
        assertThat(alone.nodeName()).isNull();
        assertThat(alone.resolvedNodeName()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(alone.workers()).isEqualTo(1);
        assertThat(alone.reusePort()).isFalse();

        ExampleServerConfig cluster = serverConfig("server", "--redis", "redis://127.0.0.1:6390", "--node", "box-1",
                "--workers", "6");
        assertThat(cluster.redisUri()).isEqualTo("redis://127.0.0.1:6390");
        assertThat(cluster.resolvedNodeName()).isEqualTo("box-1");
        assertThat(cluster.workers()).isEqualTo(6);
    }

    @Test
    void workersWithoutRedisOrOutOfRangeAreRefusedAtStartup() {
        assertThat(run("server", "--workers", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("--workers 2 needs --redis");
        assertThat(run("server", "--workers", "0", "--redis", "redis://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--workers must be between 1 and 64, got 0");
        assertThat(run("server", "--node", "a b", "--redis", "redis://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--node must be 1 to 64 letters");
    }

    @Test
    void aRedisThatCannotBeReachedRefusesTheStartNamingItsAddressAndTheCause() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        assertThat(run("server", "--port", "0", "--http-port", "0", "--redis",
                "redis://pollen:secret@127.0.0.1:" + closedPort)).isEqualTo(1);
        assertThat(err.toString()).contains("127.0.0.1:" + closedPort, "Connection refused").doesNotContain("secret");
    }

    @Test
    void serverHelpShowsTheClusterOptionsButNotTheWorkersOwn() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).contains("--redis=URI", "--node=NAME", "--workers").doesNotContain("--worker ");
    }

    @Test
    void noCommandShowsTheCommands() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("server", "loadgen");
    }
}
