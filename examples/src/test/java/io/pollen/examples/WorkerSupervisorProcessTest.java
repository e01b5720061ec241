package io.pollen.examples;

import io.pollen.cluster.redis.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code server --workers 2 --redis}, as processes against a Redis of the test's own: the one listening
 * line names the workers; clients spread over both workers through the shared port; the supervisor's REST
 * reaches every session; a worker killed with SIGKILL leaves {@code /nodes} and the directory within 10 s
 * and is restarted under a new name; SIGTERM drains every worker and exits 0.
 */
class WorkerSupervisorProcessTest {
    private static final Pattern LISTENING = Pattern.compile(
            "pollen server listening on 127\\.0\\.0\\.1:(\\d+) .*http=http://([^ ]+) .*workers=2 \\((\\S+) pid (\\d+), (\\S+) pid (\\d+)\\)");
    /** What issue 12 promises for a node that dies: gone from /nodes and its sessions from the directory. */
    private static final Duration PURGE_WITHIN = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<WireClient> clients = new ArrayList<>();
    private RedisTestServer redis;
    private Process supervisor;
    private Path stdout;
    private Path stderr;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisTestServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (WireClient client : clients) {
            client.close();
        }
        if (supervisor != null && supervisor.isAlive()) {
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
            supervisor.waitFor(30, TimeUnit.SECONDS);
        }
        redis.close();
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }

    @Test
    void workersShareThePortTheSupervisorServesRestForAllRestartsAKilledOneAndDrainsOnSigterm() throws Exception {
        Matcher listening = startSupervisor();
        InetSocketAddress sessions = new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1)));
        String rest = "http://" + listening.group(2);
        String firstWorker = listening.group(3);
        long firstPid = Long.parseLong(listening.group(4));
        long secondPid = Long.parseLong(listening.group(6));
        assertThat(listening.group(3)).isEqualTo("it-w1");
        assertThat(listening.group(5)).isEqualTo("it-w2");

        for (int i = 0; i < 24; i++) {
            WireClient client = new WireClient(sessions);
            client.send("{\"type\":\"hello\",\"id\":\"c-" + i + "\"}");
            assertThat(client.readMessage().type()).isEqualTo("welcome");
            clients.add(client);
        }
        String health = awaitBody(rest + "/health", body -> body.contains("\"sessions\":24,\"nodes\":2"));
        assertThat(health).startsWith("{\"status\":\"up\",\"backend\":\"epoll\"");
        String nodes = get(rest + "/nodes").body();
        // The kernel spreads connections by their addresses' hash: 24 all on one worker is a 1 in 2^23 chance.
        assertThat(sessionsOf(nodes, "it-w1")).isPositive();
        assertThat(sessionsOf(nodes, "it-w2")).isPositive();
        assertThat(sessionsOf(nodes, "it-w1") + sessionsOf(nodes, "it-w2")).isEqualTo(24);

        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(rest + "/sessions/c-5/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"note\",\"n\":5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        assertThat(clients.get(5).read()).isEqualTo("{\"type\":\"note\",\"n\":5}");

        String onFirst = firstSessionOn(rest, firstWorker);
        long killedAt = System.nanoTime();
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // SIGKILL: no goodbye to Redis
        awaitBody(rest + "/nodes", body -> !body.contains("\"node\":\"" + firstWorker + "\""), PURGE_WITHIN);
        awaitStatus(rest + "/sessions/" + onFirst, 404, PURGE_WITHIN.minus(Duration.ofNanos(System.nanoTime() - killedAt)));
        awaitBody(rest + "/nodes", body -> body.contains("\"node\":\"it-w1.r1\""), Duration.ofSeconds(60));
        assertThat(Files.readString(stderr)).contains("pollen supervisor: worker it-w1 (pid " + firstPid + ") exited",
                "restarting it in 1000 ms");

        supervisor.destroy(); // SIGTERM
        assertThat(supervisor.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(supervisor.exitValue()).as("every worker drained: " + Files.readString(stderr)).isZero();
        assertThat(ProcessHandle.of(secondPid)).as("no worker outlives its supervisor").isEmpty();
        assertThat(Files.readAllLines(stdout)).as("one line on standard output").hasSize(1);
    }

    private Matcher startSupervisor() throws IOException, InterruptedException {
        stdout = Files.createTempFile("pollen-supervisor", ".out");
        stderr = Files.createTempFile("pollen-supervisor", ".err");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), PollenExamples.class.getName(), "server",
                "--workers", "2", "--redis", redis.uri(), "--node", "it", "--backend", "epoll", "--threads", "1",
                "--port", "0", "--http-port", Integer.toString(freePort())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        supervisor = builder.start();
        for (int attempt = 0; attempt < 1200; attempt++) {
            String text = Files.readString(stdout);
            if (text.indexOf('\n') >= 0) {
                String line = text.substring(0, text.indexOf('\n'));
                Matcher listening = LISTENING.matcher(line);
                assertThat(listening.matches()).as(line).isTrue();
                return listening;
            }
            assertThat(supervisor.isAlive()).as("the supervisor is running: " + Files.readString(stderr)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("the supervisor printed no line within two minutes: " + Files.readString(stderr));
    }

    private String firstSessionOn(String rest, String node) throws Exception {
        String page = get(rest + "/sessions?limit=100").body();
        Matcher session = Pattern.compile("\\{\"id\":\"([^\"]+)\",\"node\":\"" + Pattern.quote(node) + "\"").matcher(page);
        assertThat(session.find()).as(page).isTrue();
        return session.group(1);
    }

    private static long sessionsOf(String nodes, String node) {
        Matcher count = Pattern.compile("\"node\":\"" + Pattern.quote(node) + "\",\"pid\":\\d+,\"sessions\":(\\d+)").matcher(nodes);
        assertThat(count.find()).as(nodes).isTrue();
        return Long.parseLong(count.group(1));
    }

    private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String awaitBody(String uri, Predicate<String> condition) throws Exception {
        return awaitBody(uri, condition, Duration.ofSeconds(30));
    }

    /** Asks until the answer meets the condition: the cluster's state moves with heartbeats, not with events here. */
    private String awaitBody(String uri, Predicate<String> condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String body = "";
        while (System.nanoTime() - deadline < 0) {
            body = get(uri).body();
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("GET " + uri + " did not meet the condition within " + within.toSeconds() + " s: " + body);
    }

    /** Asks until the answer has {@code status}: the dead node's ids leave the directory when a live node purges them. */
    private void awaitStatus(String uri, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last;
        do {
            last = get(uri).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() - deadline < 0);
        throw new AssertionError("GET " + uri + " answered " + last + ", not " + status + ", at the deadline");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
