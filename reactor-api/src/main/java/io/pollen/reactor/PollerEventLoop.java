package io.pollen.reactor;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerCapacityException;
import io.pollen.reactor.spi.ReadyHandler;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event loop: a thread that waits on one {@link Poller}, dispatches readiness to connections and
 * listeners, fires timers, runs submitted tasks and flushes the writes they made.
 *
 * <pre>
 *   loop:  poll(timeout) -> dispatch ready tokens -> flush
 *          -> expire timers -> flush -> run a snapshot of tasks, bounded in count and time -> flush
 * </pre>
 *
 * <p>Cross-thread work arrives through an MPSC queue. The wake-up is coalesced by one flag: the first
 * submission after the loop last woke signals the poller, later ones see the flag set and do not, so
 * a burst costs one wake-up. The loop clears the flag after each wait and before draining, so a
 * submission either sees it clear and signals, or is drained in the same iteration.
 *
 * <p>{@link #execute} and {@link #inLoop} are safe from any thread; everything else runs on the
 * loop thread.
 */
final class PollerEventLoop implements EventLoop, ReadyHandler, Runnable {
    private static final System.Logger LOG = System.getLogger(PollerEventLoop.class.getName());
    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;
    /** Tasks run between two readings of the clock for the time budget: a power of two, small enough to bound the overrun. */
    private static final int TASKS_PER_CLOCK_CHECK = 64;

    private final EventLoopReactor reactor;
    private final int index;
    private final Poller poller;
    private final Clock clock;
    private final TimerWheel timers;
    /**
     * The atomic (VarHandle-free, Unsafe-free) variant: the Unsafe one draws "terminally deprecated"
     * warnings from Java 23 on, for a difference the loop's per-iteration costs do not show.
     */
    private final MpscUnboundedAtomicArrayQueue<Runnable> tasks = new MpscUnboundedAtomicArrayQueue<>(1024);
    private final AtomicBoolean wakeupSignalled = new AtomicBoolean();
    /**
     * Threads other than the loop's inside {@link #execute} past its state check. {@link #terminate}
     * waits for it to reach zero before its last drain, so a task offered after the check is run, not
     * lost; and before closing the poller, so no wake-up signals a closed one.
     */
    private final AtomicInteger foreignSubmitters = new AtomicInteger();
    private final int maxTasksPerIteration;
    private final long maxTaskNanosPerIteration;
    private final RegistrantTable registrants = new RegistrantTable();
    private final ByteBuffer readBuffer;
    private final ByteBuffer readView;
    private final FlushList flushes = new FlushList();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread thread;
    final ReactorCounters counters;
    /** Shared by every connection of this loop. */
    final OutboundBuffer.Limits writeLimits;

    private volatile int state = RUNNING;
    private volatile long shutdownDeadline;
    private boolean shutdownBegun;
    private volatile boolean drainedInTime = true;

    PollerEventLoop(EventLoopReactor reactor, int index, Poller poller, Settings settings) {
        this.reactor = reactor;
        this.index = index;
        this.poller = poller;
        this.clock = settings.clock();
        this.counters = reactor.counters();
        this.timers = new TimerWheel(clock, settings.timerTickNanos(), settings.timerWheelSize(),
                e -> LOG.log(Level.WARNING, "a timer action on loop " + index + " failed", e));
        this.maxTasksPerIteration = settings.maxTasksPerIteration();
        this.maxTaskNanosPerIteration = settings.maxTaskNanosPerIteration();
        this.readBuffer = ByteBuffer.allocateDirect(settings.readBufferSize());
        this.readView = readBuffer.asReadOnlyBuffer();
        this.writeLimits = new OutboundBuffer.Limits(settings.writeLowWaterMark(), settings.writeHighWaterMark(),
                settings.maxPendingWriteBytes(), reactor.overflowPolicy(), settings.maxPendingStreams());
        this.thread = new Thread(this, settings.threadNamePrefix() + "-" + reactor.backend() + "-loop-" + index);
    }

    /** Settings a loop needs, copied out of the builder once. */
    record Settings(Clock clock, long timerTickNanos, int timerWheelSize, int maxTasksPerIteration,
                    long maxTaskNanosPerIteration,
                    int readBufferSize, long writeLowWaterMark, long writeHighWaterMark,
                    long maxPendingWriteBytes, int maxPendingStreams, String threadNamePrefix) {
    }

    void start() {
        thread.start();
    }

    // ---------------------------------------------------------------- EventLoop

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on this loop, or refuses it with {@link RejectedExecutionException} once the loop
     * has terminated: a task accepted here always runs, if only during termination's last drain.
     * Safe from any thread.
     */
    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        if (inLoop()) {
            // The loop thread cannot race its own termination: no protocol needed.
            rejectIfTerminated();
            tasks.offer(task);
            return;
        }
        // Dekker-style with terminate(): we count ourselves in, then read the state; it writes the
        // state, then reads the count. Both are volatile, so either we see TERMINATED and refuse, or
        // it sees us and drains again after we leave.
        foreignSubmitters.incrementAndGet();
        try {
            rejectIfTerminated();
            tasks.offer(task);
            if (!wakeupSignalled.get() && wakeupSignalled.compareAndSet(false, true)) {
                counters.wakeups.increment();
                poller.wakeup();
            }
        } finally {
            foreignSubmitters.decrementAndGet();
        }
    }

    private void rejectIfTerminated() {
        if (state == TERMINATED) {
            throw new RejectedExecutionException("event loop " + thread.getName() + " has shut down");
        }
    }

    @Override
    public LoopTimer newTimer(Runnable action) {
        assert inLoop() : "timers must be created on the loop thread";
        return timers.newTimer(action);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    int taskQueueDepth() {
        return tasks.size();
    }

    // ---------------------------------------------------------------- the loop

    @Override
    public void run() {
        try {
            while (true) {
                waitAndDispatch();
                wakeupSignalled.set(false);
                flushDirty();
                timers.expire(clock.nanoTime());
                flushDirty();
                runTasks();
                flushDirty();
                if (state != RUNNING && shutdownFinished()) {
                    break;
                }
            }
        } catch (RuntimeException | Error failure) {
            // Handlers' exceptions never get here (each closes its own connection): this is a broken
            // poller or an engine bug. Close this loop's connections, say so once, and stop.
            drainedInTime = false;
            LOG.log(Level.ERROR, "event loop " + thread.getName() + " stopped; its connections are closed", failure);
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        } finally {
            terminate();
        }
    }

    private void waitAndDispatch() {
        try {
            poller.poll(waitTimeout(), this);
        } catch (IOException e) {
            // Pollers absorb EINTR; any other failure of a wait (EBADF, EINVAL, a closed selector)
            // would repeat at once, so the loop neither retries nor sleeps: it stops.
            throw new UncheckedIOException("the " + reactor.backend() + " poller of " + thread.getName()
                    + " failed to wait: " + e.getMessage(), e);
        }
    }

    private long waitTimeout() {
        if (!tasks.isEmpty() || !flushes.isEmpty()) {
            return 0;
        }
        long timeout = timers.nanosUntilNextTick(clock.nanoTime());
        if (state != RUNNING) {
            long untilDeadline = Math.max(0, shutdownDeadline - System.nanoTime());
            timeout = timeout < 0 ? untilDeadline : Math.min(timeout, untilDeadline);
        }
        return timeout;
    }

    @Override
    public void onReady(int token, int readyOps) {
        Registrant registrant = registrants.get(token);
        if (registrant != null) {
            registrant.onReady(readyOps);
        }
    }

    /**
     * Runs a snapshot of the queue (tasks that resubmit themselves wait for the next iteration),
     * bounded in count and in time; the clock is read every {@value #TASKS_PER_CLOCK_CHECK} tasks only.
     */
    private void runTasks() {
        int budget = Math.min(maxTasksPerIteration, tasks.size());
        long startedAt = budget > TASKS_PER_CLOCK_CHECK ? clock.nanoTime() : 0;
        for (int i = 0; i < budget; i++) {
            if (i != 0 && (i & (TASKS_PER_CLOCK_CHECK - 1)) == 0
                    && clock.nanoTime() - startedAt >= maxTaskNanosPerIteration) {
                break;
            }
            Runnable task = tasks.relaxedPoll();
            if (task == null) {
                break;
            }
            runTask(task);
        }
    }

    private void runTask(Runnable task) {
        counters.tasks.increment();
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // One task's failure is that task's: the loop and its other connections go on.
            FatalErrors.rethrowIfFatal(e);
            LOG.log(Level.WARNING, "a task on " + thread.getName() + " failed; the loop goes on", e);
        }
    }

    // ---------------------------------------------------------------- registration

    /** Registers a channel under a new token; on failure nothing stays registered. */
    int register(SelectableChannel channel, Registrant registrant, int interest) throws IOException {
        int token = registrants.add(registrant);
        try {
            poller.register(channel, token, interest);
        } catch (IOException | RuntimeException e) {
            registrants.remove(token, registrant);
            throw e;
        }
        return token;
    }

    void modify(int token, int interest) throws IOException {
        poller.modify(token, interest);
    }

    /** Deregisters and releases the token; never throws, since it runs on close paths. */
    void deregister(int token, Registrant registrant) {
        try {
            poller.deregister(token);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "deregister of token " + token + " failed: " + e.getMessage());
        }
        registrants.remove(token, registrant);
    }

    /** Takes an accepted channel into this loop. Loop thread. */
    void adoptAccepted(SocketChannel channel, ServerAcceptor acceptor) {
        ConnectionHandler handler;
        try {
            handler = acceptor.newHandler();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the handler factory of " + acceptor.localAddress() + " failed", e);
            reactor.closeRefused(channel, true);
            return;
        }
        ChannelConnection connection = new ChannelConnection(this, reactor.nextConnectionId(), channel, handler, null);
        try {
            connection.register(Interest.READ);
        } catch (PollerCapacityException e) {
            reactor.overload(OverloadReason.BACKEND_CAPACITY, e.getMessage());
            reactor.closeRefused(channel, true);
            return;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not register an accepted connection: " + e.getMessage());
            reactor.closeRefused(channel, true);
            return;
        }
        counters.accepted.increment();
        connection.established();
    }

    /** Opens a client connection on this loop. Loop thread. */
    void startConnect(InetSocketAddress remote, InetSocketAddress local, ConnectionHandler handler,
                      CompletableFuture<io.pollen.reactor.Connection> future, long timeoutNanos) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            ChannelConnection.configure(channel);
            if (local != null) {
                channel.bind(local);
            }
            boolean connected = channel.connect(remote);
            ConnectAttempt attempt = new ConnectAttempt(future, remote);
            ChannelConnection connection = new ChannelConnection(this, reactor.nextConnectionId(), channel, handler, attempt);
            connection.register(connected ? Interest.READ : Interest.CONNECT);
            if (connected) {
                connection.established();
            } else {
                attempt.armTimeout(connection, timeoutNanos);
            }
        } catch (IOException | RuntimeException e) {
            reactor.closeQuietly(channel);
            future.completeExceptionally(ConnectFailures.describe(remote, local, e));
        }
    }

    void addListener(ServerAcceptor acceptor) throws IOException {
        acceptor.register();
    }

    // ---------------------------------------------------------------- I/O support for connections

    /** The loop's one read buffer, cleared; only valid on the loop thread until the next read. */
    ByteBuffer readBuffer() {
        readBuffer.clear();
        return readBuffer;
    }

    /** A read-only view of the first {@code length} bytes of the read buffer. */
    ByteBuffer readView(int length) {
        readView.clear();
        readView.limit(length);
        return readView;
    }

    /** The connections to flush at the end of the current phase. */
    FlushList flushList() {
        return flushes;
    }

    private void flushDirty() {
        flushes.flushAll();
    }

    void connectionClosed(ChannelConnection connection) {
        reactor.connectionClosed(connection);
    }

    EventLoopReactor reactor() {
        return reactor;
    }

    String threadName() {
        return thread.getName();
    }

    // ---------------------------------------------------------------- shutdown

    void beginShutdown(long deadlineNanos) {
        shutdownDeadline = deadlineNanos;
        try {
            // A task, not a flag set from here: it runs behind every task submitted before shutdown
            // was called (writes from other threads among them), so those writes drain, not vanish.
            execute(() -> state = SHUTTING_DOWN);
        } catch (RejectedExecutionException alreadyTerminated) {
            // nothing left to shut down
        }
    }

    private boolean shutdownFinished() {
        if (!shutdownBegun) {
            shutdownBegun = true;
            registrants.forEachSnapshot(Registrant::beginShutdown);
            flushDirty();
        }
        if (registrants.size() == 0) {
            return true;
        }
        if (System.nanoTime() - shutdownDeadline >= 0) {
            drainedInTime = false;
            IOException cause = new IOException("reactor shutdown deadline passed before queued writes drained");
            registrants.forEachSnapshot(r -> r.abortForShutdown(cause));
            return true;
        }
        return false;
    }

    private void terminate() {
        state = TERMINATED;
        // Tasks that raced with termination still run (writes release their accounted bytes, a
        // connect's future fails with the connection it opened): drain until no submitter that
        // passed the state check is still inside execute, then once more for what it offered.
        drainTasksAfterTermination();
        while (foreignSubmitters.get() != 0) {
            Thread.onSpinWait();
            drainTasksAfterTermination();
        }
        drainTasksAfterTermination();
        IOException cause = new IOException("event loop terminated");
        registrants.forEachSnapshot(r -> r.abortForShutdown(cause));
        poller.close();
        terminated.countDown();
    }

    private void drainTasksAfterTermination() {
        Runnable task;
        // poll, not relaxedPoll: an element whose producer has claimed its slot but not yet stored
        // it must be waited for, or the drain would stop short of it.
        while ((task = tasks.poll()) != null) {
            runTask(task);
        }
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    boolean drainedInTime() {
        return drainedInTime;
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public String toString() {
        return thread.getName();
    }

    int index() {
        return index;
    }
}
