package io.pollen.reactor;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One thread driving one poller: it runs the I/O, the handlers, the timers and the tasks of the
 * connections pinned to it.
 *
 * <p>{@link #execute(Runnable)} and {@link #inLoop()} are safe from any thread; the timer methods
 * MUST be called on this loop's thread.
 */
public interface EventLoop extends Executor {

    /** @return true if the calling thread is this loop's thread */
    boolean inLoop();

    /**
     * Runs a task on this loop's thread, after the tasks submitted before it. Safe from any thread.
     * A burst of submissions between two loop iterations costs at most one wake-up of the poller.
     * A task is either run or refused, never dropped: one that this method accepts runs even if the
     * loop stops meanwhile (during its last drain, before its connections are closed).
     *
     * @param task the task
     * @throws java.util.concurrent.RejectedExecutionException if the loop has shut down
     */
    @Override
    void execute(Runnable task);

    /**
     * Creates an unarmed, reusable timer. Loop thread only.
     *
     * @param action what to run on expiry, on this loop's thread
     * @return the timer
     */
    LoopTimer newTimer(Runnable action);

    /**
     * Creates and arms a one-shot timer. Loop thread only.
     *
     * @param action what to run
     * @param delay  how long from now
     * @param unit   the unit of {@code delay}
     * @return the armed timer, which may be cancelled
     */
    default LoopTimer schedule(Runnable action, long delay, TimeUnit unit) {
        LoopTimer timer = newTimer(action);
        timer.schedule(delay, unit);
        return timer;
    }

    /** @return the clock of this loop's timers */
    Clock clock();
}
