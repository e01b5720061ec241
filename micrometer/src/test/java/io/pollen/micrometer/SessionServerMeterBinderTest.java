package io.pollen.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pollen.codec.reactor.ErrorCode;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.ReactorMetrics;
import io.pollen.reactor.tck.Await;
import io.pollen.session.SendResult;
import io.pollen.session.Session;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pollen.micrometer.ReactorMeterBinder.ACCEPT_OVERLOADS;
import static io.pollen.micrometer.ReactorMeterBinder.BYTES_READ;
import static io.pollen.micrometer.ReactorMeterBinder.BYTES_WRITTEN;
import static io.pollen.micrometer.ReactorMeterBinder.CONNECTIONS_ACCEPTED;
import static io.pollen.micrometer.ReactorMeterBinder.CONNECTIONS_CLOSED;
import static io.pollen.micrometer.ReactorMeterBinder.CONNECTIONS_OPEN;
import static io.pollen.micrometer.ReactorMeterBinder.LOOP_TASKS_EXECUTED;
import static io.pollen.micrometer.ReactorMeterBinder.LOOP_TASK_QUEUE_DEPTH;
import static io.pollen.micrometer.ReactorMeterBinder.LOOP_WAKEUPS;
import static io.pollen.micrometer.ReactorMeterBinder.WRITES_REJECTED;
import static io.pollen.micrometer.SessionServerMeterBinder.BYTES_IN;
import static io.pollen.micrometer.SessionServerMeterBinder.BYTES_OUT;
import static io.pollen.micrometer.SessionServerMeterBinder.ERRORS;
import static io.pollen.micrometer.SessionServerMeterBinder.FRAMES_IN;
import static io.pollen.micrometer.SessionServerMeterBinder.FRAMES_OUT;
import static io.pollen.micrometer.SessionServerMeterBinder.RTT_MAX;
import static io.pollen.micrometer.SessionServerMeterBinder.RTT_MEASURED;
import static io.pollen.micrometer.SessionServerMeterBinder.RTT_PERCENTILE;
import static io.pollen.micrometer.SessionServerMeterBinder.SESSIONS;
import static io.pollen.micrometer.SessionServerMeterBinder.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The meters of a real session server on loopback follow its counters: a client comes and goes and
 * the gauges move with it; every counter reads what the server counted; round-trip percentiles are
 * those of what the server measured.
 */
class SessionServerMeterBinderTest {
    private static final org.assertj.core.data.Offset<Double> ROUNDING = within(0.5);
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private SessionServer start(Consumer<SessionServerBuilder> settings) throws IOException {
        SessionServerBuilder builder = SessionServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .reactor(r -> r.threads(1))
                .handler((session, message) -> session.send(message.payload()));
        settings.accept(builder);
        SessionServer server = builder.build();
        resources.add(() -> server.shutdown(Duration.ZERO));
        return server;
    }

    private SessionServerMeterBinder bind(SessionServer server) {
        SessionServerMeterBinder binder = new SessionServerMeterBinder(server);
        binder.bindTo(registry);
        resources.add(binder);
        return binder;
    }

    private WireClient client(SessionServer server) {
        WireClient client = WireClient.connect(server.localAddress());
        resources.add(client);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void theConnectionAndSessionGaugesFollowAClientInAndOut() throws Exception {
        SessionServer server = start(b -> { });
        bind(server);
        assertThat(gauge(CONNECTIONS_OPEN)).isZero();
        assertThat(sessions("healthy")).isZero();

        WireClient client = client(server);
        client.hello("c-1");

        Await.until("the gauge to count the connection", () -> gauge(CONNECTIONS_OPEN) == 1);
        assertThat(counter(CONNECTIONS_ACCEPTED)).isEqualTo(1);
        assertThat(sessions("healthy")).isEqualTo(1);
        assertThat(sessions("suspect")).isZero();
        assertThat(gauge(LOOP_TASK_QUEUE_DEPTH, ReactorMeterBinder.LOOP_TAG, "0")).isZero();

        client.close();
        Await.until("the gauge to let the connection go", () -> gauge(CONNECTIONS_OPEN) == 0);
        Await.until("the closed counter", () -> counter(CONNECTIONS_CLOSED) == 1);
        Await.until("the session to leave", () -> sessions("healthy") == 0);
    }

    @Test
    void everyCounterReadsWhatTheServerCounted() throws Exception {
        SessionServer server = start(b -> { });
        bind(server);
        WireClient client = client(server);
        client.hello("c-1");
        client.send("{\"type\":\"echo\",\"n\":1}");
        client.readFrame();
        client.send("{not json");
        client.readFrame();
        // A send from this thread reaches the loop as a task, with a wake-up.
        assertThat(server.registry().send("c-1", utf8("{\"type\":\"note\"}"))).isEqualTo(SendResult.QUEUED);
        client.readFrame();

        ReactorMetrics reactor = server.metrics().reactor();
        Await.until("the frames in", () -> counter(FRAMES_IN) == server.metrics().framesIn());
        assertThat(counter(FRAMES_IN)).as("at least the hello and the echo").isGreaterThanOrEqualTo(2);
        assertThat(counter(FRAMES_OUT)).isEqualTo(server.metrics().framesOut()).isGreaterThanOrEqualTo(3);
        assertThat(counter(BYTES_IN)).isEqualTo(server.metrics().bytesIn()).isPositive();
        assertThat(counter(BYTES_OUT)).isEqualTo(server.metrics().bytesOut()).isPositive();
        assertThat(counter(ERRORS, SessionServerMeterBinder.CODE_TAG, "bad_json")).isEqualTo(1);
        assertThat(counter(ERRORS, SessionServerMeterBinder.CODE_TAG, ErrorCode.TOO_LARGE.wireName())).isZero();
        assertThat(counter(TIMEOUTS)).isZero();
        Await.until("the bytes read", () -> counter(BYTES_READ) == reactor.bytesRead());
        assertThat(counter(BYTES_READ)).isPositive();
        Await.until("the bytes written", () -> counter(BYTES_WRITTEN) == reactor.bytesWritten());
        assertThat(counter(BYTES_WRITTEN)).isGreaterThanOrEqualTo(counter(BYTES_OUT));
        Await.until("the task", () -> counter(LOOP_TASKS_EXECUTED) >= 1
                && counter(LOOP_TASKS_EXECUTED) == reactor.tasksExecuted());
        Await.until("the wake-ups", () -> counter(LOOP_WAKEUPS) == reactor.wakeupsSignalled());
    }

    @Test
    void aTurnedAwayConnectionIsCountedUnderItsReason() throws Exception {
        SessionServer server = start(b -> b.reactor(r -> r.maxConnections(1)));
        bind(server);
        client(server).hello("admitted");

        WireClient refused = client(server);

        assertThat(refused.closedByServer()).isTrue();
        Await.until("the overload", () -> counter(ACCEPT_OVERLOADS, ReactorMeterBinder.REASON_TAG, "max_connections") == 1);
        for (OverloadReason other : new OverloadReason[] {OverloadReason.DESCRIPTORS_EXHAUSTED,
                OverloadReason.ACCEPT_FAILED, OverloadReason.BACKEND_CAPACITY}) {
            assertThat(counter(ACCEPT_OVERLOADS, ReactorMeterBinder.REASON_TAG, ReactorMeterBinder.label(other)))
                    .as(other.name()).isZero();
        }
    }

    @Test
    void aWriteRefusedAtTheCapIsCounted() throws Exception {
        SessionServer server = start(b -> b.maxFrameLength(16 * 1024)
                .reactor(r -> r.maxPendingWriteBytes(64 * 1024).writeWaterMarks(16 * 1024, 32 * 1024)));
        bind(server);
        client(server).hello("slow"); // and never reads again
        ByteBuffer bulk = utf8("{\"type\":\"bulk\",\"pad\":\"" + "x".repeat(8000) + "\"}");

        SendResult result = SendResult.QUEUED;
        for (int i = 0; i < 100_000 && result == SendResult.QUEUED; i++) {
            result = server.registry().send("slow", bulk.duplicate());
        }

        assertThat(result).isEqualTo(SendResult.REJECTED_FULL);
        assertThat(counter(WRITES_REJECTED)).isEqualTo(server.metrics().reactor().rejectedWrites()).isEqualTo(1);
    }

    @Test
    void roundTripPercentilesAreThoseOfTheSessionsLatestMeasurements() throws Exception {
        SessionServer server = start(b -> b.pingInterval(Duration.ofMillis(50)));
        bind(server);
        assertThat(timeGaugeNanos(RTT_PERCENTILE, SessionServerMeterBinder.PHI_TAG, "0.5")).isNaN();
        assertThat(gauge(RTT_MEASURED)).isZero();

        // Each client answers the server's first ping and no other, so each session keeps one round trip.
        answerOnePing(client(server), "fast");
        answerOnePing(client(server), "slow");
        Session fast = server.registry().find("fast").orElseThrow();
        Session slow = server.registry().find("slow").orElseThrow();
        Await.until("both round trips measured", () -> fast.roundTripTime().isPresent() && slow.roundTripTime().isPresent());
        Await.until("a snapshot with both", () -> gauge(RTT_MEASURED) == 2);

        long first = fast.roundTripTime().orElseThrow().toNanos();
        long second = slow.roundTripTime().orElseThrow().toNanos();
        // A time gauge reports in the registry's base unit (seconds) as a double: converting back to
        // nanoseconds may be off by a rounding error, never by a whole nanosecond.
        assertThat(timeGaugeNanos(RTT_PERCENTILE, SessionServerMeterBinder.PHI_TAG, "0.5")).isCloseTo(Math.min(first, second), ROUNDING);
        assertThat(timeGaugeNanos(RTT_PERCENTILE, SessionServerMeterBinder.PHI_TAG, "0.9")).isCloseTo(Math.max(first, second), ROUNDING);
        assertThat(timeGaugeNanos(RTT_PERCENTILE, SessionServerMeterBinder.PHI_TAG, "0.99")).isCloseTo(Math.max(first, second), ROUNDING);
        assertThat(registry.get(RTT_MAX).timeGauge().value(TimeUnit.NANOSECONDS)).isCloseTo(Math.max(first, second), ROUNDING);
    }

    @Test
    void closingTheBinderRemovesItsMetersSoAReplacementServerShowsItsOwn() throws Exception {
        SessionServer first = start(b -> { });
        SessionServerMeterBinder binder = bind(first);
        client(first).hello("on-first");
        Await.until("the first server's connection", () -> gauge(CONNECTIONS_OPEN) == 1);

        binder.close();
        assertThat(registry.getMeters()).isEmpty();

        SessionServer second = start(b -> { });
        bind(second);
        assertThat(gauge(CONNECTIONS_OPEN)).as("the second server has no connection yet").isZero();
        client(second).hello("on-second");
        client(second).hello("also-on-second");
        Await.until("the second server's connections", () -> gauge(CONNECTIONS_OPEN) == 2);
    }

    @Test
    void tagsTellTwoServersApartAndEveryMeterIsDescribed() throws Exception {
        SessionServer a = start(b -> { });
        SessionServer b = start(x -> { });
        SessionServerMeterBinder onA = new SessionServerMeterBinder(a, Tags.of("server", "a"));
        SessionServerMeterBinder onB = new SessionServerMeterBinder(b, Tags.of("server", "b"));
        resources.add(onA);
        resources.add(onB);
        onA.bindTo(registry);
        onB.bindTo(registry);
        client(b).hello("on-b");

        Await.until("b's connection", () -> registry.get(CONNECTIONS_OPEN).tag("server", "b").gauge().value() == 1);
        assertThat(registry.get(CONNECTIONS_OPEN).tag("server", "a").gauge().value()).isZero();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            assertThat(id.getName()).startsWith("pollen.");
            assertThat(id.getDescription()).as(id.getName()).isNotBlank();
            assertThat(id.getBaseUnit()).as(id.getName()).isNotBlank();
            assertThat(id.getTag("server")).as(id.getName()).isIn("a", "b");
        }
    }

    /** Claims {@code id}, then answers the server's next ping and nothing after it. */
    private static void answerOnePing(WireClient client, String id) {
        client.hello(id);
        String ping = client.readFrame();
        Matcher seq = SEQ.matcher(ping);
        assertThat(seq.find()).as(ping).isTrue();
        client.send("{\"type\":\"pong\",\"seq\":" + seq.group(1) + "}");
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).gauge().value();
    }

    private double sessions(String state) {
        return gauge(SESSIONS, SessionServerMeterBinder.STATE_TAG, state);
    }

    private double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).functionCounter().count();
    }

    private double timeGaugeNanos(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).timeGauge().value(TimeUnit.NANOSECONDS);
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }
}
