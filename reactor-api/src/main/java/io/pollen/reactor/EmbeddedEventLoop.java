package io.pollen.reactor;


import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventLoop} without a thread of its own: the test thread is the loop thread, tasks run
 * when the test calls {@link #runPendingTasks()}, and timers fire when it calls
 * {@link #advanceTime(Duration)} on the {@link ManualClock}.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>The thread that creates the loop is its loop thread ({@link #inLoop()}); every method but
 *       {@link #execute(Runnable)} and {@link #inLoop()}, which are safe from any thread, belongs to
 *       it.</li>
 *   <li>The loop does its work in the same phases as the engine's: the writes that a callback, a
 *       timer or a batch of tasks queued on its {@link EmbeddedConnection}s are flushed together at the
 *       end of that phase, then the tasks queued meanwhile run, and so on until nothing is left.</li>
 *   <li>The timers are the engine's own timer wheel, so what a test sees is what production does,
 *       tick resolution included.</li>
 * </ul>
 */
public final class EmbeddedEventLoop implements EventLoop {
    /** The tick of the embedded loop's timers: 1 ms, fine enough for exact tests. */
    public static final Duration TICK = Duration.ofMillis(1);

    private final ManualClock clock;
    private final TimerWheel timers;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Thread owner = Thread.currentThread();
    private final FlushList flushes = new FlushList();

    /** A loop on a new {@link ManualClock}, owned by the calling thread. */
    public EmbeddedEventLoop() {
        this(new ManualClock());
    }

    /**
     * A loop owned by the calling thread.
     *
     * @param clock the clock that drives this loop's timers
     */
    public EmbeddedEventLoop(ManualClock clock) {
        this.clock = clock;
        // A test wants to see its timer action's failure, not a log line: hand it back to the caller.
        this.timers = new TimerWheel(clock, TICK.toNanos(), 1024, e -> {
            if (e instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e;
        });
    }

    /** @return whether the caller is the thread that created this loop. Any thread. */
    @Override
    public boolean inLoop() {
        return Thread.currentThread() == owner;
    }

    /**
     * Queues a task for the next {@link #runPendingTasks()} (or any call that drives the loop). Any thread.
     *
     * @param task what to run on the loop
     */
    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /**
     * A timer on this loop's wheel, fired by {@link #advanceTime(Duration)}. Loop thread.
     *
     * @param action what the timer runs
     * @return the timer, not yet armed
     */
    @Override
    public LoopTimer newTimer(Runnable action) {
        return timers.newTimer(action);
    }

    /** @return the loop's clock, the {@link ManualClock}. Any thread. */
    @Override
    public Clock clock() {
        return clock;
    }

    /** @return the loop's manual clock. Any thread. */
    public ManualClock manualClock() {
        return clock;
    }

    /**
     * Flushes the writes queued since the last flush, then runs the queued tasks a batch at a time,
     * flushing after each batch, until no task is left; tasks that queue tasks run too. A task that
     * throws stops the run and the exception reaches the caller. Loop thread.
     *
     * @return how many tasks ran
     */
    public int runPendingTasks() {
        int ran = 0;
        flushes.flushAll();
        int batch;
        while ((batch = queuedTasks()) > 0) {
            for (int i = 0; i < batch; i++) {
                Runnable task = poll();
                if (task == null) {
                    break;
                }
                task.run();
                ran++;
            }
            flushes.flushAll();
        }
        return ran;
    }

    /**
     * Moves the clock forward, firing due timers as the time passes (one tick at a time, so a timer
     * re-armed by another timer fires too if it falls due within the span); after each tick, does
     * what {@link #runPendingTasks()} does. Loop thread.
     *
     * @param amount how far to move
     * @return how many timers fired
     */
    public int advanceTime(Duration amount) {
        long end = clock.nanoTime() + amount.toNanos();
        int fired = 0;
        long step = TICK.toNanos();
        while (clock.nanoTime() < end) {
            clock.advance(Duration.ofNanos(Math.min(step, end - clock.nanoTime())));
            fired += timers.expire(clock.nanoTime());
            runPendingTasks();
        }
        fired += timers.expire(clock.nanoTime());
        runPendingTasks();
        return fired;
    }

    /** @return the number of armed timers. Loop thread. */
    public int armedTimers() {
        return timers.armedCount();
    }

    /**
     * Schedules with a {@link Duration}, like {@link EventLoop#schedule}; here for symmetry in tests.
     * Loop thread.
     *
     * @param action what to run
     * @param delay  how long from now
     * @return the armed timer
     */
    public LoopTimer schedule(Runnable action, Duration delay) {
        return schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The connections to flush at the end of the current phase. */
    FlushList flushList() {
        return flushes;
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }

    private synchronized int queuedTasks() {
        return tasks.size();
    }
}
