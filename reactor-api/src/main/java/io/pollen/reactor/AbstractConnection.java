package io.pollen.reactor;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What every connection of the engine shares, whatever carries its bytes: its lifecycle, the
 * dispatch of its handler's callbacks; its write side is the {@link OutboundBuffer} it extends. A transport
 * ({@link ChannelConnection} over a socket, {@link EmbeddedConnection} in memory) adds only how bytes
 * come and go, and what its release frees.
 *
 * <h2>Lifecycle</h2>
 * One field, {@link #state}, holds it:
 * <pre>
 *   CONNECTING --markOpen--> OPEN --close()--> CLOSING --drained--> CLOSED
 *                             |                  |
 *                             +--abort() off the loop--> ABORTING --task--> CLOSED
 *
 *   closeNow(cause) takes any state to CLOSED: a failed or timed-out connect, a transport error, a
 *   handler that threw, abort() on the loop, the drain deadline, the loop's shutdown.
 * </pre>
 * <ul>
 *   <li>{@code CONNECTING}: not yet established (a client connect in flight, or an accepted socket
 *       not yet announced); no handler callback has run.</li>
 *   <li>{@code OPEN}: the only state that accepts writes and reads; {@link #isOpen()} is
 *       {@code state == OPEN}, from any thread.</li>
 *   <li>{@code CLOSING}: a graceful close: reads stop, queued bytes drain within the drain deadline,
 *       then the connection is released.</li>
 *   <li>{@code ABORTING}: {@link #abort()} was called off the loop; a task will release it.</li>
 *   <li>{@code CLOSED}: released, by {@link #closeNow}, the one way there, exactly once.</li>
 * </ul>
 * Two transitions may be made from any thread, by compare-and-set so that only one caller wins:
 * OPEN to CLOSING ({@link #close()}) and OPEN or CLOSING to ABORTING ({@link #abort()}); each is
 * followed by a task on the loop. Every other transition is made on the loop thread.
 *
 * <h2>Callbacks</h2>
 * Handler callbacks run on the loop thread. One that throws closes this connection with that cause
 * (a {@linkplain FatalErrors fatal} error is rethrown and stops the loop), and disturbs no other.
 */
abstract class AbstractConnection extends OutboundBuffer {
    private static final System.Logger LOG = System.getLogger(AbstractConnection.class.getName());
    static final int CONNECTING = 0;
    static final int OPEN = 1;
    static final int CLOSING = 2;
    static final int ABORTING = 3;
    static final int CLOSED = 4;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(AbstractConnection.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id;
    final ConnectionHandler handler;
    private final FlushList flushes;
    private volatile int state = CONNECTING;
    private volatile Object attachment;
    private LoopTimer drainDeadline;

    /**
     * @param flushes the loop's list of connections to flush at the end of a phase
     */
    AbstractConnection(long id, ConnectionHandler handler, OutboundBuffer.Limits limits, FlushList flushes) {
        super(limits);
        this.id = id;
        this.handler = handler;
        this.flushes = flushes;
    }

    // ---------------------------------------------------------------- what a transport provides


    /**
     * What the connection wants from its transport changed: a flush left bytes queued (the
     * transport is to say when it takes more), or a graceful close stopped reading. Loop thread.
     */
    abstract void updateInterest();

    /** @return how long a graceful close may take to drain */
    abstract long drainTimeoutNanos();


    /**
     * Frees what the transport holds and tells the handler (or the connect attempt) once the state is
     * CLOSED and the outbound queue dropped. Loop thread; called once.
     *
     * @param wasEstablished whether the connection left CONNECTING (so the handler knows of it)
     * @param cause          null for an orderly close, else why
     */
    abstract void released(boolean wasEstablished, Throwable cause);

    // ---------------------------------------------------------------- Connection, any thread
    // Not final, and not to be overridden: javac gives the public EmbeddedConnection public bridges
    // to non-final methods only, and without them reflection from other packages cannot call these.

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return state == OPEN;
    }

    @Override
    public void close() {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            onLoop(this::drainThenClose);
        }
    }

    @Override
    public void abort() {
        abort(null);
    }

    /** Closes now with a cause: at once on the loop, else through ABORTING and a task. Any thread. */
    @Override
    final void abort(Throwable cause) {
        if (loop().inLoop()) {
            closeNow(cause);
            return;
        }
        int current;
        do {
            current = state;
            if (current != OPEN && current != CLOSING) {
                return;
            }
        } while (!STATE.compareAndSet(this, current, ABORTING));
        onLoop(() -> closeNow(cause));
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /** Runs an action on the loop thread: now if called there, else as a task. Any thread. */
    final void onLoop(Runnable action) {
        EventLoop loop = loop();
        if (loop.inLoop()) {
            action.run();
            return;
        }
        try {
            loop.execute(action);
        } catch (RejectedExecutionException terminated) {
            // The loop has ended and closed every connection already.
        }
    }

    // ---------------------------------------------------------------- lifecycle, loop thread

    final boolean isConnecting() {
        return state == CONNECTING;
    }

    @Override
    final boolean isReleased() {
        return state == CLOSED;
    }

    /** CONNECTING to OPEN: from here the connection reads and accepts writes. */
    final void markOpen() {
        state = OPEN;
    }

    /** Starts a graceful close for the loop's shutdown; a connection still connecting is dropped. */
    final void closeForShutdown() {
        if (state == CONNECTING) {
            closeNow(null);
        } else {
            close();
        }
    }

    private void drainThenClose() {
        if (state != CLOSING) {
            return; // aborted or released since close() was called
        }
        if (!hasQueued()) {
            closeNow(null);
            return;
        }
        updateInterest();
        // The peer may never read: bound the drain.
        if (drainDeadline == null) {
            drainDeadline = loop().newTimer(this::drainDeadlinePassed);
        }
        drainDeadline.schedule(drainTimeoutNanos(), TimeUnit.NANOSECONDS);
        flush();
    }

    private void drainDeadlinePassed() {
        if (state == CLOSING) {
            closeNow(new IOException("close timed out with " + pendingWriteBytes()
                    + " bytes unsent: the peer stopped reading"));
        }
    }

    /**
     * Writes what the transport takes now; a closing connection that has drained is released. Loop
     * thread: at the end of a loop phase, or when the transport can take more.
     */
    final void flush() {
        int current = state;
        if (current == CONNECTING || current == CLOSED) {
            return; // once established, the connection flushes what was queued meanwhile
        }
        try {
            flushQueue(flushes.gatherScratch());
        } catch (IOException e) {
            closeNow(e);
            return;
        }
        current = state;
        if (current == CLOSED) {
            return;
        }
        if (current == CLOSING && !hasQueued()) {
            closeNow(null);
            return;
        }
        updateInterest();
    }

    /** Arranges for {@link #flush()} at the end of the loop's current phase; see {@link FlushList}. Loop thread. */
    @Override
    final void flushRequested() {
        flushes.add(this);
    }

    /** Releases the connection: the one way to CLOSED. Idempotent. Loop thread. */
    final void closeNow(Throwable cause) {
        int previous = state;
        if (previous == CLOSED) {
            return;
        }
        state = CLOSED;
        if (drainDeadline != null) {
            drainDeadline.cancel();
        }
        releaseQueue();
        released(previous != CONNECTING, cause);
    }

    // ---------------------------------------------------------------- handler callbacks, loop thread

    final void fireOpened() {
        try {
            handler.onOpen(this);
        } catch (RuntimeException | Error e) {
            handlerFailed("onOpen", e);
        }
    }

    /** @return false if the handler threw (the connection is then closed) */
    final boolean fireRead(ByteBuffer data) {
        try {
            handler.onRead(this, data);
            return true;
        } catch (RuntimeException | Error e) {
            handlerFailed("onRead", e);
            return false;
        }
    }

    final void fireInputClosed() {
        try {
            handler.onInputClosed(this);
        } catch (RuntimeException | Error e) {
            handlerFailed("onInputClosed", e);
        }
    }

    /** Reported by the {@link OutboundBuffer}; the handler hears of it only while it knows the connection. */
    @Override
    final void writabilityChanged(boolean writable) {
        int current = state;
        if (current == CONNECTING || current == CLOSED) {
            return;
        }
        try {
            handler.onWritabilityChanged(this, writable);
        } catch (RuntimeException | Error e) {
            handlerFailed("onWritabilityChanged", e);
        }
    }

    private void handlerFailed(String callback, Throwable failure) {
        FatalErrors.rethrowIfFatal(failure);
        LOG.log(Level.WARNING, "handler " + callback + " of connection " + id + " threw; closing that connection", failure);
        closeNow(failure);
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + remoteAddress() + "]";
    }
}
