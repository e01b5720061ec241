package io.pollen.examples.loadgen;

import io.pollen.examples.server.HmacHelloAuthenticator;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs one {@link LoadPlan} over several child processes ({@code loadgen --processes P}), each a JVM
 * of the same jar running its {@link LoadShares share} with its own open-file limit, and makes of them
 * one run: each second one progress line with their counters added up and the percentiles of their
 * merged round trips, and at the end one {@link LoadResult} whose histogram is the merge of theirs.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>No child outlives the run: the children are killed when the run ends however it ends, when
 *       the parent's thread is interrupted (the run then throws {@link CancellationException}), when
 *       the parent JVM is shut down (SIGINT, SIGTERM: a shutdown hook), and a child whose parent
 *       vanished without a word (SIGKILL) stops by itself ({@link io.pollen.examples.process.ParentWatch}).</li>
 *   <li>One failing child fails the run: the others are killed and {@link LoadChildFailedException}
 *       names the child and quotes its last lines; there is no summary of a partial run.</li>
 *   <li>A run that overruns its duration by {@value #HANG_GUARD_SECONDS} s (JVM start-up and shutdown
 *       included) is a failure too, never a wait without end.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #run} is called once; its calling thread starts the children, folds their progress and
 * waits for them. Each child's output is read on threads of its own ({@link LoadChild}).
 */
final class LoadProcesses {
    private static final long HANG_GUARD_SECONDS = 60;
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long OUTPUT_GRACE_MILLIS = 5_000;

    private final LoadPlan plan;
    private final int processes;
    private final Function<LoadPlan, List<String>> commands;

    /**
     * @param plan      the whole run
     * @param processes how many children share it
     */
    LoadProcesses(LoadPlan plan, int processes) {
        this(plan, processes, ChildJvmCommand::of);
    }

    /**
     * @param plan      the whole run
     * @param processes how many children share it
     * @param commands  the command line of the child that runs a share (tests start something else)
     */
    LoadProcesses(LoadPlan plan, int processes, Function<LoadPlan, List<String>> commands) {
        this.plan = plan;
        this.processes = processes;
        this.commands = commands;
    }

    /**
     * Runs the plan to its end over the children.
     *
     * @param progress told each second of the children's progress, added up
     * @param errors   where the children's standard error goes, each line prefixed with its child
     * @return the whole run: the children's counters added up, their round trips merged
     * @throws LoadChildFailedException if a child fails or overruns
     * @throws CancellationException    if this thread is interrupted (the flag is set again)
     */
    LoadResult run(ProgressSink progress, PrintWriter errors) {
        List<LoadChild> children = new CopyOnWriteArrayList<>();
        Thread killer = new Thread(() -> children.forEach(LoadChild::kill), "loadgen-children-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            List<LoadPlan> shares = LoadShares.of(plan, processes);
            for (int k = 0; k < shares.size(); k++) {
                children.add(LoadChild.start("loadgen child " + (k + 1) + "/" + processes, commands.apply(shares.get(k)),
                        environment(shares.get(k)), errors));
            }
            awaitChildren(children, progress);
            return merged(children);
        } finally {
            children.forEach(LoadChild::kill);
            removeHook(killer);
        }
    }

    /** The hello secret goes to the children in their environment, never on a command line others can read. */
    private static Map<String, String> environment(LoadPlan share) {
        Map<String, String> environment = new HashMap<>();
        environment.put(HmacHelloAuthenticator.SECRET_VARIABLE, share.ids().secret());
        return environment;
    }

    private void awaitChildren(List<LoadChild> children, ProgressSink progress) {
        long start = System.nanoTime();
        long deadline = start + plan.duration().toNanos() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
        long nextReport = start + SECOND_NANOS;
        Histogram lastSecond = LoadStats.newHistogram();
        while (!children.stream().allMatch(LoadChild::hasExited)) {
            for (LoadChild child : children) {
                if (child.hasExited()) {
                    requireSucceeded(child);
                }
            }
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new LoadChildFailedException("the " + processes + " load children did not finish within "
                        + HANG_GUARD_SECONDS + " s after the run's " + plan.duration().toSeconds() + " s; killed them");
            }
            if (now - nextReport >= 0) {
                progress.onProgress(folded(children, TimeUnit.NANOSECONDS.toSeconds(now - start), lastSecond));
                nextReport += SECOND_NANOS;
            }
            LockSupport.parkNanos(TICK_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("the load run was interrupted; its " + processes
                        + " child processes are killed");
            }
        }
    }

    /** @return the children's latest progress added up, with the round trips reported since the last fold */
    private LoadProgress folded(List<LoadChild> children, long elapsedSeconds, Histogram lastSecond) {
        lastSecond.reset();
        long opened = 0;
        LoadCounts counts = LoadCounts.ZERO;
        for (LoadChild child : children) {
            LoadProgress latest = child.latest();
            if (latest != null) {
                opened += latest.opened();
                counts = counts.plus(latest.counts());
            }
            child.takeRoundTrips(lastSecond);
        }
        return new LoadProgress(elapsedSeconds, opened, plan.clients(), counts, lastSecond);
    }

    private LoadResult merged(List<LoadChild> children) {
        LoadResult whole = new LoadResult(LoadCounts.ZERO, LoadStats.newHistogram());
        for (LoadChild child : children) {
            requireSucceeded(child);
            whole = whole.plus(child.result());
        }
        return whole;
    }

    /** Judges an exited child once its last lines are read, so that a result still in the pipe counts. */
    private static void requireSucceeded(LoadChild child) {
        try {
            child.awaitOutput(OUTPUT_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while reading the load children's results");
        }
        String failure = child.failure();
        if (failure != null) {
            throw new LoadChildFailedException(failure);
        }
    }

    private static void removeHook(Thread killer) {
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is shutting down and the hook runs (or ran) anyway: nothing left to undo.
        }
    }
}
