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
 * <p>The timers are the engine's own {@link TimerWheel}, so what a test sees is what production
 * does, tick resolution included. Not thread-safe apart from {@link #execute(Runnable)}, which only
 * queues.
 */
public final class EmbeddedEventLoop implements EventLoop {
    /** The tick of the embedded loop's timers: 1 ms, fine enough for exact tests. */
    public static final Duration TICK = Duration.ofMillis(1);

    private final ManualClock clock;
    private final TimerWheel timers;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Thread owner = Thread.currentThread();

    /** A loop on a new {@link ManualClock}. */
    public EmbeddedEventLoop() {
        this(new ManualClock());
    }

    /**
     * @param clock the clock that drives this loop's timers
     */
    public EmbeddedEventLoop(ManualClock clock) {
        this.clock = clock;
        this.timers = new TimerWheel(clock, TICK.toNanos(), 1024, e -> {
            throw e;
        });
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == owner;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public LoopTimer newTimer(Runnable action) {
        return timers.newTimer(action);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** @return the loop's manual clock */
    public ManualClock manualClock() {
        return clock;
    }

    /**
     * Runs queued tasks, including those they queue, until none is left.
     *
     * @return how many ran
     */
    public int runPendingTasks() {
        int ran = 0;
        Runnable task;
        while ((task = poll()) != null) {
            task.run();
            ran++;
        }
        return ran;
    }

    /**
     * Moves the clock forward, firing due timers as the time passes (one tick at a time, so a timer
     * re-armed by another timer fires too if it falls due within the span), then runs queued tasks.
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

    /** @return the number of armed timers */
    public int armedTimers() {
        return timers.armedCount();
    }

    /**
     * Schedules with a {@link TimeUnit}, like {@link EventLoop#schedule}; here for symmetry in tests.
     *
     * @param action what to run
     * @param delay  how long from now
     * @return the armed timer
     */
    public LoopTimer schedule(Runnable action, Duration delay) {
        return schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
