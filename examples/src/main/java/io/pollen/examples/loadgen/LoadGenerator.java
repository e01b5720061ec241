package io.pollen.examples.loadgen;

import io.pollen.reactor.Reactor;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link LoadPlan} in this process: opens the clients at the planned rate, spreading them
 * round-robin over the source addresses, each claiming its id of {@link LoadPlan#ids()} if any, has
 * each ping every interval, reports progress each second, and stops by itself when the duration is
 * over. ({@link LoadProcesses} runs a plan over several processes, each running one of these.)
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>All clients share one reactor (one loop per core); per client the generator adds one small
 *       object, so 19,000 clients fit in one process under a 20,000-descriptor limit.</li>
 *   <li>Pings are spread evenly over the interval (client {@code i} of {@code n} is due at
 *       {@code i/n} of it), not sent in one burst per interval.</li>
 *   <li>{@link #run} returns within the duration plus a grace of at most one second for pongs in
 *       flight plus the reactor's shutdown; every connection is closed when it returns.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #run} is called once, and its calling thread becomes the pacer.
 */
public final class LoadGenerator {
    /** How often the pacer wakes: fine enough that 19,000 pings a second go out as a smooth stream. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Longest wait after the run for pongs still in flight. */
    private static final long PONG_GRACE_NANOS = SECOND_NANOS;
    private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(2);

    private final LoadPlan plan;
    private final LoadStats stats = new LoadStats();
    private final PingingClient[] clients;
    private final InetSocketAddress[] sources;
    private int opened;
    private long pingSlots;

    /**
     * @param plan what to run
     */
    public LoadGenerator(LoadPlan plan) {
        this.plan = plan;
        this.clients = new PingingClient[plan.clients()];
        List<InetAddress> ips = plan.sourceIps();
        this.sources = new InetSocketAddress[Math.max(1, ips.size())];
        for (int i = 0; i < ips.size(); i++) {
            sources[i] = new InetSocketAddress(ips.get(i), 0);
        }
    }

    /**
     * Runs the plan to its end.
     *
     * @param progress where the line of progress goes each second (standard error)
     * @return the outcome
     */
    public LoadSummary run(PrintWriter progress) {
        return run(new ProgressLine(progress)).summary();
    }

    /**
     * Runs the plan to its end.
     *
     * @param progress told of the run's progress each second
     * @return the counters and every round trip, for a parent process to merge
     */
    LoadResult run(ProgressSink progress) {
        Reactor reactor = Reactor.builder().threadNamePrefix("loadgen").build();
        try {
            long start = System.nanoTime();
            long end = start + plan.duration().toNanos();
            long nextReport = start + SECOND_NANOS;
            for (long now = start; now < end; now = System.nanoTime()) {
                long elapsed = now - start;
                openDue(reactor, elapsed);
                pingDue(elapsed, now);
                if (now >= nextReport) {
                    report(progress, elapsed);
                    nextReport += SECOND_NANOS;
                }
                LockSupport.parkNanos(Math.min(TICK_NANOS, end - now));
            }
            awaitPongsInFlight();
            LoadResult result = stats.result();
            for (int i = 0; i < opened; i++) {
                clients[i].close();
            }
            return result;
        } finally {
            reactor.shutdown(SHUTDOWN_DRAIN);
        }
    }

    /** Opens every client whose turn has come at the connect rate. */
    private void openDue(Reactor reactor, long elapsedNanos) {
        long due = Math.min(clients.length, 1 + elapsedNanos * plan.connectRate() / SECOND_NANOS);
        for (; opened < due; opened++) {
            PingingClient client = new PingingClient(stats, plan.retries());
            clients[opened] = client;
            String id = plan.ids().idOf(opened);
            client.open(reactor, plan.server(), sources[opened % sources.length], id, plan.ids().tokenOf(id));
        }
    }

    /** Offers a ping to every client whose slot in the interval has passed since the last tick. */
    private void pingDue(long elapsedNanos, long nowNanos) {
        long due = elapsedNanos / plan.pingInterval().toNanos() * clients.length
                + elapsedNanos % plan.pingInterval().toNanos() * clients.length / plan.pingInterval().toNanos();
        for (; pingSlots < due; pingSlots++) {
            int index = (int) (pingSlots % clients.length);
            if (index < opened) {
                clients[index].pingIfIdle(nowNanos);
            }
        }
    }

    private void awaitPongsInFlight() {
        long deadline = System.nanoTime() + Math.min(PONG_GRACE_NANOS, plan.pingInterval().toNanos());
        while (stats.pongs() + stats.lost() < stats.pings() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    private void report(ProgressSink progress, long elapsedNanos) {
        progress.onProgress(new LoadProgress(TimeUnit.NANOSECONDS.toSeconds(elapsedNanos + TICK_NANOS), opened,
                clients.length, stats.counts(), stats.takeInterval()));
    }
}
