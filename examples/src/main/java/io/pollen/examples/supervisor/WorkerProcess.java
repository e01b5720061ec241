package io.pollen.examples.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running worker: a child JVM of the example server whose first line on standard output is its
 * listening line, and whose every other line (both streams) goes to the supervisor's log prefixed with
 * the worker's name. Its standard input stays open and unwritten for its whole life, so the worker stops
 * by itself if the supervisor vanishes ({@link io.pollen.examples.process.ParentWatch}).
 *
 * <h2>Threading</h2>
 * Safe from any thread. Two daemon threads per worker read its output.
 */
final class WorkerProcess {
    private static final String LISTENING = "pollen server listening on ";
    private static final int KEPT_LINES = 20;

    private final String name;
    private final Process process;
    private final long startedAt = System.nanoTime();
    private final CompletableFuture<String> listening = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();

    private WorkerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * @param name        the worker's node name, also its log prefix
     * @param command     its command line
     * @param environment added to this process's environment
     * @param log         where its output goes, prefixed
     * @return the started worker, not yet listening
     * @throws IOException if it cannot be started
     */
    static WorkerProcess start(String name, List<String> command, Map<String, String> environment, PrintWriter log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        WorkerProcess worker = new WorkerProcess(name, builder.start());
        worker.forward(worker.process.getInputStream(), log, true);
        worker.forward(worker.process.getErrorStream(), log, false);
        return worker;
    }

    /** @return the worker's node name */
    String name() {
        return name;
    }

    /** @return its process id */
    long pid() {
        return process.pid();
    }

    /** @return how long it has run */
    Duration age() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** @return completes with its exit status when it exits */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Waits for the worker's listening line.
     *
     * @param timeout how long it may take to start
     * @return the line
     * @throws IOException naming the worker and quoting its last lines if it exits or overruns first
     */
    String awaitListening(Duration timeout) throws IOException, InterruptedException {
        try {
            return listening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("worker " + name + " did not listen within " + timeout.toSeconds() + " s; its last lines:\n"
                    + lastLines());
        } catch (ExecutionException e) {
            throw new IOException("worker " + name + " " + e.getCause().getMessage() + "; its last lines:\n" + lastLines());
        }
    }

    /** Asks it to drain and stop (SIGTERM). */
    void stop() {
        process.destroy();
    }

    /**
     * @param timeout how long it may take
     * @return its exit status, or -1 if it had to be killed
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        process.waitFor();
        return -1;
    }

    /** Ends it at once (SIGKILL); for a supervisor whose start failed half way. */
    void kill() {
        process.destroyForcibly();
    }

    private void forward(InputStream stream, PrintWriter log, boolean standardOutput) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    remember(line);
                    if (standardOutput && !listening.isDone() && line.startsWith(LISTENING)) {
                        listening.complete(line);
                        continue;
                    }
                    synchronized (log) {
                        log.println("[" + name + "] " + line);
                        log.flush();
                    }
                }
            } catch (IOException e) {
                // The worker is gone; onExit tells the supervisor.
            }
            if (standardOutput) {
                listening.completeExceptionally(new IOException("exited before it listened"));
            }
        }, "pollen-worker-" + name + (standardOutput ? "-out" : "-err"));
        reader.setDaemon(true);
        reader.start();
    }

    private synchronized void remember(String line) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
    }

    private synchronized String lastLines() {
        return String.join("\n", lastLines);
    }
}
