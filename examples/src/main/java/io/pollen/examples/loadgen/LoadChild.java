package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child process of {@code loadgen --processes}, seen from the parent: it reads the child's
 * {@link ChildReport} lines from its standard output (the latest counters, the round trips of the
 * seconds not yet folded into the parent's progress, the result), passes its standard error on to the
 * parent's, prefixed with the child's number, keeping the last lines for a failure's message, and
 * holds the child's standard input open, so that the child stops if the parent dies
 * ({@link io.pollen.examples.process.ParentWatch}).
 *
 * <h2>Threading</h2>
 * Two reader threads per child fill the state; {@link #latest()}, {@link #takeRoundTrips},
 * {@link #failure()} and {@link #kill()} are safe from any thread; {@link #result()} is read once the
 * child has exited ({@link #awaitOutput}).
 */
final class LoadChild {
    private static final int LAST_ERROR_LINES = 5;
    private static final long KILL_GRACE_SECONDS = 2;

    private final String name;
    private final Process process;
    private final PrintWriter errors;
    private final Thread outputReader;
    private final Thread errorReader;
    private final Histogram roundTripsNotTaken = LoadStats.newHistogram();
    private final Deque<String> lastErrorLines = new ArrayDeque<>();
    private volatile LoadProgress latest;
    private volatile LoadResult result;
    private volatile String unreadable;

    private LoadChild(String name, Process process, PrintWriter errors) {
        this.name = name;
        this.process = process;
        this.errors = errors;
        this.outputReader = reader(process.getInputStream(), name + "-out", this::onOutput);
        this.errorReader = reader(process.getErrorStream(), name + "-err", this::onError);
    }

    /**
     * Starts a child.
     *
     * @param name        how messages name it ({@code loadgen child 2/4})
     * @param command     its command line
     * @param environment variables to set in its environment (a null value removes the variable)
     * @param errors      the parent's standard error, where the child's goes, line by line
     * @return the running child
     * @throws UncheckedIOException if it cannot be started
     */
    static LoadChild start(String name, List<String> command, Map<String, String> environment, PrintWriter errors) {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            return new LoadChild(name, builder.start(), errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** @return the latest progress the child reported, or null before its first second */
    LoadProgress latest() {
        return latest;
    }

    /**
     * Moves the round trips the child reported since the last call into {@code into}.
     *
     * @param into where they go
     */
    void takeRoundTrips(Histogram into) {
        synchronized (roundTripsNotTaken) {
            into.add(roundTripsNotTaken);
            roundTripsNotTaken.reset();
        }
    }

    /** @return whether the child process has ended */
    boolean hasExited() {
        return !process.isAlive();
    }

    /**
     * Waits, after the child's exit, until its last lines are read.
     *
     * @param timeoutMillis how long at most
     * @throws InterruptedException if interrupted meanwhile
     */
    void awaitOutput(long timeoutMillis) throws InterruptedException {
        outputReader.join(timeoutMillis);
        errorReader.join(timeoutMillis);
    }

    /** @return the child's result line, or null if it sent none (yet) */
    LoadResult result() {
        return result;
    }

    /**
     * @return what is wrong with an exited child, with its last lines of standard error, or null if it
     *         exited 0 with its result
     */
    String failure() {
        if (process.isAlive()) {
            return null;
        }
        String problem;
        if (unreadable != null) {
            problem = "sent a line its parent cannot read (" + unreadable + ")";
        } else if (process.exitValue() != 0) {
            problem = "exited with status " + process.exitValue();
        } else if (result == null) {
            problem = "exited without its result";
        } else {
            return null;
        }
        return name + " " + problem + lastWords();
    }

    /** @return the last lines the child wrote on standard error, for a message */
    String lastWords() {
        synchronized (lastErrorLines) {
            return lastErrorLines.isEmpty() ? "" : "; its last words: " + String.join(" | ", lastErrorLines);
        }
    }

    /** Ends the child if it still runs (politely, then forcibly), and closes its standard input. */
    void kill() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Closing our end of its input only tells the child we are gone; nothing to do if that fails.
        }
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(KILL_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** @return the child's process, for its pid */
    ProcessHandle handle() {
        return process.toHandle();
    }

    private void onOutput(String line) {
        try {
            LoadProgress progress = ChildReport.readProgress(line);
            if (progress != null) {
                synchronized (roundTripsNotTaken) {
                    roundTripsNotTaken.add(progress.lastSecond());
                }
                latest = progress;
                return;
            }
            LoadResult last = ChildReport.readResult(line);
            if (last != null) {
                result = last;
                return;
            }
        } catch (IllegalArgumentException e) {
            if (unreadable == null) {
                unreadable = e.getMessage();
            }
            return;
        }
        // Not a report line (a child prints none else on standard output): pass it on rather than drop it.
        onError(line);
    }

    private void onError(String line) {
        synchronized (lastErrorLines) {
            if (lastErrorLines.size() == LAST_ERROR_LINES) {
                lastErrorLines.removeFirst();
            }
            lastErrorLines.addLast(line);
        }
        errors.println(name + ": " + line);
        errors.flush();
    }

    private static Thread reader(InputStream stream, String threadName, Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // The pipe broke because the child was killed: what it said until then has been read.
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
