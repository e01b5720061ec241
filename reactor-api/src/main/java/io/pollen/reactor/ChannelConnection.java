package io.pollen.reactor;

import io.pollen.reactor.spi.Interest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} over a non-blocking {@link SocketChannel}, pinned to one {@link PollerEventLoop}.
 *
 * <p>State touched from any thread is limited to {@link #state} (open, closing, closed), the pending
 * byte count (reserved by the writer before it queues, so the hard cap holds across threads), the
 * writability flag and the attachment. Everything else is owned by the loop thread. An idle
 * connection holds no buffer: reads go through the loop's buffer, and the write queue drops its
 * contents as they are written.
 */
final class ChannelConnection implements Connection, Registrant {
    private static final System.Logger LOG = System.getLogger(ChannelConnection.class.getName());
    private static final VarHandle PENDING;
    private static final VarHandle STATE;
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;
    /** Reads per readiness event before yielding to other connections. */
    private static final int MAX_READS_PER_EVENT = 16;
    /** Write attempts per flush before waiting for writability, for fairness. */
    private static final int MAX_WRITES_PER_FLUSH = 16;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(ChannelConnection.class, "pendingBytes", long.class);
            STATE = lookup.findVarHandle(ChannelConnection.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PollerEventLoop loop;
    private final long id;
    private final SocketChannel channel;
    private final ConnectionHandler handler;
    private final boolean accepted;

    @SuppressWarnings("unused") // accessed through PENDING
    private volatile long pendingBytes;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = OPEN;
    private volatile boolean writable = true;
    private volatile Object attachment;

    // Loop-owned from here on.
    private int token = -1;
    private int interest;
    private OutboundQueue outbound;
    private boolean readEnabled = true;
    private boolean inputClosed;
    private boolean closeRequested;
    private boolean released;
    private boolean opened;
    private boolean flushQueued;
    private CompletableFuture<Connection> connectFuture;
    private InetSocketAddress connectTarget;
    private LoopTimer deadline;

    ChannelConnection(PollerEventLoop loop, long id, SocketChannel channel, ConnectionHandler handler, boolean accepted) {
        this.loop = loop;
        this.id = id;
        this.channel = channel;
        this.handler = handler;
        this.accepted = accepted;
    }

    static void configure(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        // Small frames (keep-alives, pings) must not wait for Nagle's timer.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    // ---------------------------------------------------------------- Connection, any thread

    @Override
    public long id() {
        return id;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return connectTarget;
        }
    }

    @Override
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public WriteResult write(ByteBuffer data) {
        return enqueue(data, null, data.remaining());
    }

    @Override
    public WriteResult write(ByteBuffer... data) {
        if (data.length == 1) {
            return write(data[0]);
        }
        long bytes = 0;
        for (ByteBuffer b : data) {
            bytes += b.remaining();
        }
        return enqueue(null, data, bytes);
    }

    private WriteResult enqueue(ByteBuffer single, ByteBuffer[] many, long bytes) {
        if ((int) STATE.getVolatile(this) != OPEN) {
            return WriteResult.CLOSED;
        }
        if (bytes == 0) {
            return WriteResult.QUEUED;
        }
        long cap = loop.maxPendingWriteBytes;
        long previous;
        do {
            previous = (long) PENDING.getVolatile(this);
            if (previous + bytes > cap) {
                return overflow(previous, bytes, cap);
            }
        } while (!PENDING.compareAndSet(this, previous, previous + bytes));

        if (loop.inLoop()) {
            append(single, many, bytes);
        } else {
            try {
                loop.execute(() -> append(single, many, bytes));
            } catch (RejectedExecutionException e) {
                PENDING.getAndAdd(this, -bytes);
                return WriteResult.CLOSED;
            }
        }
        return WriteResult.QUEUED;
    }

    private WriteResult overflow(long pending, long bytes, long cap) {
        if (loop.reactor().overflowPolicy() == OverflowPolicy.CLOSE_CONNECTION) {
            abort(new WriteOverflowException(pending, bytes, cap));
            return WriteResult.CLOSED;
        }
        loop.counters.rejectedWrites.increment();
        return WriteResult.REJECTED_FULL;
    }

    @Override
    public long pendingWriteBytes() {
        return (long) PENDING.getVolatile(this);
    }

    @Override
    public boolean isWritable() {
        return writable && pendingWriteBytes() < loop.writeHighWaterMark;
    }

    @Override
    public boolean isOpen() {
        return (int) STATE.getVolatile(this) == OPEN;
    }

    @Override
    public void setReadEnabled(boolean enabled) {
        onLoop(() -> {
            readEnabled = enabled;
            updateInterest();
        });
    }

    @Override
    public void close() {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            onLoop(this::startGracefulClose);
        }
    }

    @Override
    public void abort() {
        abort(null);
    }

    private void abort(Throwable cause) {
        int previous = (int) STATE.getAndSet(this, CLOSED);
        if (previous != CLOSED) {
            onLoop(() -> closeNow(cause));
        }
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    private void onLoop(Runnable action) {
        if (loop.inLoop()) {
            action.run();
        } else {
            try {
                loop.execute(action);
            } catch (RejectedExecutionException terminated) {
                // The loop has ended and closed every connection already.
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle, loop thread

    void register(int initialInterest) throws IOException {
        interest = initialInterest;
        token = loop.register(channel, this, initialInterest);
    }

    void awaitConnect(CompletableFuture<Connection> future, InetSocketAddress target) {
        this.connectFuture = future;
        this.connectTarget = target;
    }

    void armConnectTimeout(long timeoutNanos) {
        deadlineTimer().schedule(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** The connection is usable: announce it, then start reading. */
    void established() {
        opened = true;
        loop.counters.open.increment();
        if (deadline != null) {
            deadline.cancel();
        }
        updateInterest();
        try {
            handler.onOpen(this);
        } catch (RuntimeException | Error e) {
            handlerFailed("onOpen", e);
        }
        if (connectFuture != null) {
            CompletableFuture<Connection> future = connectFuture;
            connectFuture = null;
            if (released) {
                future.completeExceptionally(new ClosedChannelException());
            } else {
                future.complete(this);
            }
        }
    }

    @Override
    public void onReady(int readyOps) {
        if (released) {
            return;
        }
        if (connectFuture != null) {
            if ((readyOps & (Interest.CONNECT | Interest.WRITE | Interest.READ)) != 0) {
                finishConnect();
            }
            return;
        }
        if ((readyOps & Interest.WRITE) != 0) {
            flushFromLoop();
        }
        if ((readyOps & Interest.READ) != 0 && !released) {
            readAvailable();
        }
    }

    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                established();
            }
        } catch (IOException e) {
            closeNow(ConnectFailures.describe(connectTarget, null, e));
        }
    }

    private void readAvailable() {
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            if (released || !readEnabled || inputClosed || closeRequested) {
                return;
            }
            ByteBuffer buffer = loop.readBuffer();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                closeNow(e);
                return;
            }
            if (n < 0) {
                endOfInput();
                return;
            }
            if (n == 0) {
                return;
            }
            loop.counters.bytesRead.add(n);
            try {
                handler.onRead(this, loop.readView(n));
            } catch (RuntimeException | Error e) {
                handlerFailed("onRead", e);
                return;
            }
            if (n < buffer.capacity()) {
                return;
            }
        }
    }

    private void endOfInput() {
        inputClosed = true;
        // Level-triggered pollers report end-of-stream forever: stop watching reads first.
        updateInterest();
        try {
            handler.onInputClosed(this);
        } catch (RuntimeException | Error e) {
            handlerFailed("onInputClosed", e);
        }
    }

    private void append(ByteBuffer single, ByteBuffer[] many, long bytes) {
        if (released) {
            PENDING.getAndAdd(this, -bytes);
            return;
        }
        if (outbound == null) {
            outbound = new OutboundQueue();
        }
        if (single != null) {
            outbound.add(single);
        } else {
            for (ByteBuffer b : many) {
                outbound.add(b);
            }
        }
        if (writable && pendingWriteBytes() >= loop.writeHighWaterMark) {
            writable = false;
            fireWritability(false);
        }
        if (!flushQueued && !released) {
            flushQueued = true;
            loop.markDirty(this);
        }
    }

    /** Writes what the kernel takes now; watches writability for the rest. Loop thread. */
    void flushFromLoop() {
        flushQueued = false;
        if (released || connectFuture != null) {
            return;
        }
        OutboundQueue queue = outbound;
        for (int attempt = 0; queue != null && !queue.isEmpty() && attempt < MAX_WRITES_PER_FLUSH; attempt++) {
            ByteBuffer[] scratch = loop.gatherScratch();
            int n = queue.gather(scratch);
            long written;
            try {
                written = n == 1 ? channel.write(scratch[0]) : channel.write(scratch, 0, n);
            } catch (IOException e) {
                closeNow(e);
                return;
            } finally {
                loop.releaseScratch(n);
            }
            queue.removeWritten();
            if (written <= 0) {
                break;
            }
            PENDING.getAndAdd(this, -written);
            loop.counters.bytesWritten.add(written);
        }
        if (!writable && pendingWriteBytes() <= loop.writeLowWaterMark) {
            writable = true;
            fireWritability(true);
        }
        if (released) {
            return;
        }
        boolean drained = queue == null || queue.isEmpty();
        if (drained && closeRequested) {
            closeNow(null);
            return;
        }
        updateInterest();
    }

    private void fireWritability(boolean nowWritable) {
        if (!opened || released) {
            return;
        }
        try {
            handler.onWritabilityChanged(this, nowWritable);
        } catch (RuntimeException | Error e) {
            handlerFailed("onWritabilityChanged", e);
        }
    }

    private void updateInterest() {
        if (released || token < 0) {
            return;
        }
        int wanted;
        if (connectFuture != null) {
            wanted = Interest.CONNECT;
        } else {
            boolean hasOutbound = outbound != null && !outbound.isEmpty();
            wanted = (readEnabled && !inputClosed && !closeRequested ? Interest.READ : 0)
                    | (hasOutbound ? Interest.WRITE : 0);
        }
        if (wanted != interest) {
            try {
                loop.modify(token, wanted);
                interest = wanted;
            } catch (IOException e) {
                closeNow(e);
            }
        }
    }

    private void startGracefulClose() {
        if (released || closeRequested) {
            return;
        }
        closeRequested = true;
        if (connectFuture != null || outbound == null || outbound.isEmpty()) {
            closeNow(null);
            return;
        }
        updateInterest();
        // The peer may never read: bound the drain.
        deadlineTimer().schedule(loop.reactor().shutdownDrainNanos(), TimeUnit.NANOSECONDS);
        flushFromLoop();
    }

    private LoopTimer deadlineTimer() {
        if (deadline == null) {
            deadline = loop.newTimer(this::deadlinePassed);
        }
        return deadline;
    }

    private void deadlinePassed() {
        if (released) {
            return;
        }
        if (connectFuture != null) {
            closeNow(ConnectFailures.timedOut(connectTarget, loop.reactor().connectTimeoutNanos()));
        } else {
            closeNow(new IOException("close timed out with " + pendingWriteBytes()
                    + " bytes unsent: the peer stopped reading"));
        }
    }

    /** Releases everything at once. Idempotent. Loop thread. */
    void closeNow(Throwable cause) {
        if (released) {
            return;
        }
        released = true;
        STATE.setVolatile(this, CLOSED);
        if (deadline != null) {
            deadline.cancel();
        }
        if (token >= 0) {
            loop.deregister(token, this);
        }
        loop.reactor().closeQuietly(channel);
        if (outbound != null) {
            outbound.clear();
        }
        PENDING.setVolatile(this, 0L);
        loop.connectionClosed(this);
        if (connectFuture != null) {
            CompletableFuture<Connection> future = connectFuture;
            connectFuture = null;
            future.completeExceptionally(cause != null ? cause : new ClosedChannelException());
        }
        if (opened) {
            loop.counters.open.decrement();
            loop.counters.closed.increment();
            try {
                handler.onClose(this, cause);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "onClose of connection " + id + " threw", e);
            }
        }
    }

    private void handlerFailed(String callback, Throwable failure) {
        if (failure instanceof VirtualMachineError vme) {
            throw vme;
        }
        LOG.log(Level.WARNING, "handler " + callback + " of connection " + id + " threw; closing that connection", failure);
        STATE.setVolatile(this, CLOSED);
        closeNow(failure);
    }

    boolean isAccepted() {
        return accepted;
    }

    @Override
    public void beginShutdown() {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            startGracefulClose();
        } else if (!closeRequested && !released) {
            startGracefulClose();
        }
    }

    @Override
    public void abortForShutdown(Throwable cause) {
        closeNow(cause);
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + remoteAddress() + "]";
    }
}
