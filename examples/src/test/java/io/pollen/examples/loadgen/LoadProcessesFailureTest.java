package io.pollen.examples.loadgen;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code loadgen --processes} when children misbehave, with shell commands standing in for the child
 * JVMs: a failing child fails the run naming it and quoting it, and no child outlives an interrupted
 * parent.
 */
class LoadProcessesFailureTest {
    private static final LoadPlan PLAN = new LoadPlan(new InetSocketAddress("127.0.0.1", 7000), 4, 4,
            Duration.ofSeconds(1), Duration.ofSeconds(30), List.of(), 0);

    private final StringWriter errors = new StringWriter();
    private final ProgressSink noProgress = progress -> { };

    private LoadProcesses children(String script) {
        return new LoadProcesses(PLAN, 2, share -> List.of("/bin/sh", "-c", script));
    }

    @Test
    void aChildThatFailsFailsTheRunNamingItsStatusAndItsLastWords() {
        LoadProcesses run = children("echo 'cannot reach the server' >&2; exit 7");

        assertThatThrownBy(() -> run.run(noProgress, new PrintWriter(errors, true)))
                .isInstanceOf(LoadChildFailedException.class)
                .hasMessageContaining("loadgen child ").hasMessageContaining("exited with status 7")
                .hasMessageContaining("cannot reach the server");
        assertThat(errors.toString()).as("the children's standard error, passed on")
                .containsPattern("loadgen child [12]/2: cannot reach the server");
    }

    @Test
    void aChildThatEndsWithoutItsResultFailsTheRun() {
        assertThatThrownBy(() -> children("exit 0").run(noProgress, new PrintWriter(errors, true)))
                .isInstanceOf(LoadChildFailedException.class).hasMessageContaining("exited without its result");
    }

    @Test
    void interruptingTheParentKillsEveryChild() throws Exception {
        LoadProcesses run = children("exec sleep 300");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread parent = new Thread(() -> {
            try {
                run.run(noProgress, new PrintWriter(errors, true));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        }, "loadgen-parent");
        parent.start();
        List<ProcessHandle> sleepers = awaitSleepingChildren(2);

        parent.interrupt();

        parent.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(parent.isAlive()).as("the parent returned").isFalse();
        assertThat(outcome.get()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
        for (ProcessHandle sleeper : sleepers) {
            assertThat(sleeper.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        }
    }

    /** Waits (on the condition, with a safety net) until this JVM has that many children running sleep. */
    private static List<ProcessHandle> awaitSleepingChildren(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<ProcessHandle> sleepers = ProcessHandle.current().children()
                    .filter(child -> child.info().command().orElse("").endsWith("sleep")).toList();
            if (sleepers.size() >= count) {
                return sleepers;
            }
            assertThat(System.nanoTime() - deadline).as("children started within 30 s").isNegative();
            Thread.sleep(10);
        }
    }
}
