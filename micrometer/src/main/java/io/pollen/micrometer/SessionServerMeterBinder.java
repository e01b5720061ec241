package io.pollen.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pollen.codec.reactor.ErrorCode;
import io.pollen.session.SessionMetrics;
import io.pollen.session.SessionRegistry;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionState;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link SessionServer}'s counters ({@link SessionMetrics}), the round-trip times it measures,
 * and its reactor's counters (through a {@link ReactorMeterBinder}) to a {@link MeterRegistry}.
 *
 * <pre>{@code
 * SessionServer server = SessionServer.builder().pingInterval(Duration.ofSeconds(10)).handler(app).build();
 * SessionServerMeterBinder meters = new SessionServerMeterBinder(server);
 * meters.bindTo(registry);              // e.g. a PrometheusMeterRegistry
 * ...
 * meters.close();                       // before or after server.close(): the meters leave the registry
 * }</pre>
 *
 * <table>
 *   <caption>Meters, besides those of {@link ReactorMeterBinder}</caption>
 *   <tr><th>name</th><th>type</th><th>base unit</th><th>tags</th></tr>
 *   <tr><td>{@value #SESSIONS}</td><td>gauge</td><td>sessions</td><td>{@code state}: {@code healthy}, {@code suspect}, {@code dead}</td></tr>
 *   <tr><td>{@value #FRAMES_IN}</td><td>counter</td><td>frames</td><td></td></tr>
 *   <tr><td>{@value #FRAMES_OUT}</td><td>counter</td><td>frames</td><td></td></tr>
 *   <tr><td>{@value #BYTES_IN}</td><td>counter</td><td>bytes</td><td></td></tr>
 *   <tr><td>{@value #BYTES_OUT}</td><td>counter</td><td>bytes</td><td></td></tr>
 *   <tr><td>{@value #ERRORS}</td><td>counter</td><td>messages</td><td>{@code code}: one per protocol error code, as on the wire</td></tr>
 *   <tr><td>{@value #TIMEOUTS}</td><td>counter</td><td>sessions</td><td></td></tr>
 *   <tr><td>{@value #RTT_PERCENTILE}</td><td>time gauge</td><td>the registry's time unit</td><td>{@code phi}: {@code 0.5}, {@code 0.9}, {@code 0.99}</td></tr>
 *   <tr><td>{@value #RTT_MAX}</td><td>time gauge</td><td>the registry's time unit</td><td></td></tr>
 *   <tr><td>{@value #RTT_MEASURED}</td><td>gauge</td><td>sessions</td><td></td></tr>
 * </table>
 *
 * <p>The names follow the REST gateway's Prometheus text where both have a family: a Prometheus
 * registry renders {@value #SESSIONS} as {@code pollen_sessions{state="healthy"}} either way.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Counters and state gauges read the server's own counters when the registry asks: the binder
 *       adds no work to the event loops and nothing to the sessions.</li>
 *   <li>The round-trip gauges describe the sessions open now, each by its latest measured round trip
 *       (the server measures them only with {@link io.pollen.session.SessionServerBuilder#pingInterval(Duration)}
 *       set): nearest-rank percentiles and the maximum over the {@value #RTT_MEASURED} sessions, NaN
 *       while there are none. They come from one snapshot of the sessions taken at most once per
 *       {@link #RTT_SNAPSHOT_MAX_AGE}, so the gauges of one scrape agree and a scrape reads each session
 *       once; the snapshot reads every open session, a few milliseconds for 50,000, on the scraping
 *       thread. Sessions that open, close or change id during a snapshot may be missed or seen twice.</li>
 *   <li>Meters refer to the server's counters and sessions weakly, as Micrometer's do; see
 *       {@link ReactorMeterBinder} for binding several servers to one registry and replacing one.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #bindTo} and {@link #close()} are safe from any thread; the meters are read on whichever
 * thread the registry reads them, never on a loop thread.
 */
public final class SessionServerMeterBinder implements MeterBinder, AutoCloseable {
    /** Open sessions by keep-alive state. */
    public static final String SESSIONS = "pollen.sessions";
    /** Frames received from clients, keep-alives included. */
    public static final String FRAMES_IN = "pollen.frames.in";
    /** Frames queued for clients. */
    public static final String FRAMES_OUT = "pollen.frames.out";
    /** Bytes of the frames received from clients. */
    public static final String BYTES_IN = "pollen.bytes.in";
    /** Bytes of the frames queued for clients. */
    public static final String BYTES_OUT = "pollen.bytes.out";
    /** Error replies sent to clients, by protocol error code. */
    public static final String ERRORS = "pollen.errors";
    /** Sessions closed for keep-alive silence. */
    public static final String TIMEOUTS = "pollen.timeouts";
    /** Percentiles of the open sessions' latest round-trip times. */
    public static final String RTT_PERCENTILE = "pollen.sessions.rtt.percentile";
    /** The largest of the open sessions' latest round-trip times. */
    public static final String RTT_MAX = "pollen.sessions.rtt.max";
    /** Open sessions with a measured round-trip time: what the percentiles are taken over. */
    public static final String RTT_MEASURED = "pollen.sessions.rtt.measured";
    /** The tag of {@link #SESSIONS}. */
    public static final String STATE_TAG = "state";
    /** The tag of {@link #ERRORS}. */
    public static final String CODE_TAG = "code";
    /** The tag of {@link #RTT_PERCENTILE}, named as Micrometer names its own percentile gauges. */
    public static final String PHI_TAG = "phi";
    /** The percentiles {@link #RTT_PERCENTILE} reports. */
    public static final List<Double> RTT_PERCENTILES = List.of(0.5, 0.9, 0.99);
    /** How old the snapshot behind the round-trip gauges may be before a read takes a new one. */
    public static final Duration RTT_SNAPSHOT_MAX_AGE = Duration.ofSeconds(1);

    private final SessionMetrics metrics;
    private final SessionRegistry sessions;
    private final Tags tags;
    private final ReactorMeterBinder reactor;
    private final RoundTripPercentiles roundTrips = new RoundTripPercentiles(RTT_SNAPSHOT_MAX_AGE);
    private final BoundMeters bound = new BoundMeters();

    /**
     * @param server the session server whose counters to bind
     */
    public SessionServerMeterBinder(SessionServer server) {
        this(server, Tags.empty());
    }

    /**
     * @param server the session server whose counters to bind
     * @param tags   tags added to every meter, e.g. to tell two servers apart
     */
    public SessionServerMeterBinder(SessionServer server, Iterable<Tag> tags) {
        this.metrics = server.metrics();
        this.sessions = server.registry();
        this.tags = Tags.of(tags);
        this.reactor = new ReactorMeterBinder(server.reactor(), this.tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        reactor.bindTo(registry);
        for (SessionState state : SessionState.values()) {
            bound.add(registry, Gauge.builder(SESSIONS, metrics, m -> m.sessions(state))
                    .description("Open sessions by keep-alive state.")
                    .baseUnit(BaseUnits.SESSIONS).tags(tags).tag(STATE_TAG, ReactorMeterBinder.label(state))
                    .register(registry));
        }
        bound.counter(registry, tags, FRAMES_IN, metrics, SessionMetrics::framesIn, "frames", "Frames received from clients, keep-alives included.");
        bound.counter(registry, tags, FRAMES_OUT, metrics, SessionMetrics::framesOut, "frames", "Frames queued for clients.");
        bound.counter(registry, tags, BYTES_IN, metrics, SessionMetrics::bytesIn, BaseUnits.BYTES, "Bytes of the frames received from clients.");
        bound.counter(registry, tags, BYTES_OUT, metrics, SessionMetrics::bytesOut, BaseUnits.BYTES, "Bytes of the frames queued for clients.");
        for (ErrorCode code : ErrorCode.values()) {
            bound.add(registry, FunctionCounter.builder(ERRORS, metrics, m -> m.errors(code))
                    .description("Error replies sent to clients, by protocol error code.")
                    .baseUnit(BaseUnits.MESSAGES).tags(tags).tag(CODE_TAG, code.wireName()).register(registry));
        }
        bound.counter(registry, tags, TIMEOUTS, metrics, SessionMetrics::timeouts, BaseUnits.SESSIONS, "Sessions closed for keep-alive silence.");
        bindRoundTrips(registry);
    }

    private void bindRoundTrips(MeterRegistry registry) {
        RoundTripPercentiles snapshot = roundTrips; // the meters hold the snapshot, and the sessions only weakly
        for (double phi : RTT_PERCENTILES) {
            bound.add(registry, TimeGauge.builder(RTT_PERCENTILE, sessions, TimeUnit.NANOSECONDS,
                            s -> snapshot.percentileNanos(s, phi))
                    .description("Percentiles of the open sessions' latest round-trip times.")
                    .tags(tags).tag(PHI_TAG, Double.toString(phi)).register(registry));
        }
        bound.add(registry, TimeGauge.builder(RTT_MAX, sessions, TimeUnit.NANOSECONDS,
                        s -> snapshot.percentileNanos(s, 1.0))
                .description("The largest of the open sessions' latest round-trip times.")
                .tags(tags).register(registry));
        bound.add(registry, Gauge.builder(RTT_MEASURED, sessions, snapshot::measured)
                .description("Open sessions with a measured round-trip time: what the percentiles are taken over.")
                .baseUnit(BaseUnits.SESSIONS).tags(tags).register(registry));
    }


    /** Removes every meter this binder registered, the reactor's included, from every registry it was bound to. Idempotent. */
    @Override
    public void close() {
        bound.removeAll();
        reactor.close();
    }
}
