package io.pollen.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.ReactorMetrics;

import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link Reactor}'s counters ({@link ReactorMetrics}) to a {@link MeterRegistry}.
 *
 * <pre>{@code
 * try (ReactorMeterBinder meters = new ReactorMeterBinder(reactor, Tags.of("role", "loadgen"))) {
 *     meters.bindTo(registry);
 *     ...
 * }   // the meters leave the registry with the reactor
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>base unit</th><th>tags</th></tr>
 *   <tr><td>{@value #CONNECTIONS_OPEN}</td><td>gauge</td><td>connections</td><td></td></tr>
 *   <tr><td>{@value #CONNECTIONS_ACCEPTED}</td><td>counter</td><td>connections</td><td></td></tr>
 *   <tr><td>{@value #CONNECTIONS_CLOSED}</td><td>counter</td><td>connections</td><td></td></tr>
 *   <tr><td>{@value #ACCEPT_OVERLOADS}</td><td>counter</td><td>events</td><td>{@code reason}: one per {@link OverloadReason}, lower case</td></tr>
 *   <tr><td>{@value #WRITES_REJECTED}</td><td>counter</td><td>operations</td><td></td></tr>
 *   <tr><td>{@value #BYTES_READ}</td><td>counter</td><td>bytes</td><td></td></tr>
 *   <tr><td>{@value #BYTES_WRITTEN}</td><td>counter</td><td>bytes</td><td></td></tr>
 *   <tr><td>{@value #LOOP_WAKEUPS}</td><td>counter</td><td>events</td><td></td></tr>
 *   <tr><td>{@value #LOOP_TASKS_EXECUTED}</td><td>counter</td><td>tasks</td><td></td></tr>
 *   <tr><td>{@value #LOOP_TASK_QUEUE_DEPTH}</td><td>gauge</td><td>tasks</td><td>{@code loop}: the loop's index</td></tr>
 * </table>
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Every meter reads the reactor's own counters when the registry asks (a scrape, a publish): the
 *       binder adds no work to the event loops and keeps no copy. Values read together may be a few
 *       events apart, as {@link ReactorMetrics} says.</li>
 *   <li>The meters refer to the reactor's counters weakly, as Micrometer's do: once the reactor is
 *       unreachable, its gauges read NaN and its counters stop.</li>
 *   <li>A registry returns the existing meter for a name and tags already registered, so two reactors
 *       bound to one registry need a tag that tells them apart; and a reactor that replaces another
 *       shows its own values only once the old binder is {@linkplain #close() closed}.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #bindTo} and {@link #close()} are safe from any thread; the meters are read on whichever
 * thread the registry reads them, never on a loop thread.
 */
public final class ReactorMeterBinder implements MeterBinder, AutoCloseable {
    /** Connections open now, accepted and connected. */
    public static final String CONNECTIONS_OPEN = "pollen.connections.open";
    /** Connections accepted since the reactor started. */
    public static final String CONNECTIONS_ACCEPTED = "pollen.connections.accepted";
    /** Connections closed since the reactor started. */
    public static final String CONNECTIONS_CLOSED = "pollen.connections.closed";
    /** Connections turned away or accept pauses, by reason (the REST gateway's {@code pollen_accept_overloads_total}). */
    public static final String ACCEPT_OVERLOADS = "pollen.accept.overloads";
    /** Writes refused because the connection's queue was at its cap. */
    public static final String WRITES_REJECTED = "pollen.writes.rejected";
    /** Bytes read from sockets. */
    public static final String BYTES_READ = "pollen.bytes.read";
    /** Bytes written to sockets. */
    public static final String BYTES_WRITTEN = "pollen.bytes.written";
    /** Poller wake-ups signalled by task submissions (bursts are coalesced into one). */
    public static final String LOOP_WAKEUPS = "pollen.loop.wakeups";
    /** Tasks run on the event loops. */
    public static final String LOOP_TASKS_EXECUTED = "pollen.loop.tasks.executed";
    /** Tasks waiting in each event loop's queue (the REST gateway's {@code pollen_loop_task_queue_depth}). */
    public static final String LOOP_TASK_QUEUE_DEPTH = "pollen.loop.task.queue.depth";
    /** The tag of {@link #ACCEPT_OVERLOADS}. */
    public static final String REASON_TAG = "reason";
    /** The tag of {@link #LOOP_TASK_QUEUE_DEPTH}. */
    public static final String LOOP_TAG = "loop";

    private final ReactorMetrics metrics;
    private final int loops;
    private final Tags tags;
    private final BoundMeters bound = new BoundMeters();

    /**
     * @param reactor the reactor whose counters to bind
     */
    public ReactorMeterBinder(Reactor reactor) {
        this(reactor, Tags.empty());
    }

    /**
     * @param reactor the reactor whose counters to bind
     * @param tags    tags added to every meter, e.g. to tell two reactors apart
     */
    public ReactorMeterBinder(Reactor reactor, Iterable<Tag> tags) {
        this(reactor.metrics(), reactor.loopCount(), tags);
    }

    ReactorMeterBinder(ReactorMetrics metrics, int loops, Iterable<Tag> tags) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.loops = loops;
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bound.add(registry, Gauge.builder(CONNECTIONS_OPEN, metrics, ReactorMetrics::openConnections)
                .description("Connections open now, accepted and connected.")
                .baseUnit(BaseUnits.CONNECTIONS).tags(tags).register(registry));
        bound.counter(registry, tags, CONNECTIONS_ACCEPTED, metrics, ReactorMetrics::acceptedConnections, BaseUnits.CONNECTIONS,
                "Connections accepted since the reactor started.");
        bound.counter(registry, tags, CONNECTIONS_CLOSED, metrics, ReactorMetrics::closedConnections, BaseUnits.CONNECTIONS,
                "Connections closed since the reactor started.");
        for (OverloadReason reason : OverloadReason.values()) {
            bound.add(registry, FunctionCounter.builder(ACCEPT_OVERLOADS, metrics, m -> m.overloads(reason))
                    .description("Connections turned away or accept pauses, by reason.")
                    .baseUnit(BaseUnits.EVENTS).tags(tags).tag(REASON_TAG, label(reason)).register(registry));
        }
        bound.counter(registry, tags, WRITES_REJECTED, metrics, ReactorMetrics::rejectedWrites, BaseUnits.OPERATIONS,
                "Writes refused because the connection's queue was at its cap.");
        bound.counter(registry, tags, BYTES_READ, metrics, ReactorMetrics::bytesRead, BaseUnits.BYTES, "Bytes read from sockets.");
        bound.counter(registry, tags, BYTES_WRITTEN, metrics, ReactorMetrics::bytesWritten, BaseUnits.BYTES, "Bytes written to sockets.");
        bound.counter(registry, tags, LOOP_WAKEUPS, metrics, ReactorMetrics::wakeupsSignalled, BaseUnits.EVENTS,
                "Poller wake-ups signalled by task submissions; bursts are coalesced into one.");
        bound.counter(registry, tags, LOOP_TASKS_EXECUTED, metrics, ReactorMetrics::tasksExecuted, BaseUnits.TASKS,
                "Tasks run on the event loops.");
        for (int loop = 0; loop < loops; loop++) {
            int index = loop;
            bound.add(registry, Gauge.builder(LOOP_TASK_QUEUE_DEPTH, metrics, m -> m.taskQueueDepth(index))
                    .description("Tasks waiting in each event loop's queue.")
                    .baseUnit(BaseUnits.TASKS).tags(tags).tag(LOOP_TAG, Integer.toString(loop)).register(registry));
        }
    }


    /** Removes every meter this binder registered from every registry it was bound to. Idempotent. */
    @Override
    public void close() {
        bound.removeAll();
    }

    static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
