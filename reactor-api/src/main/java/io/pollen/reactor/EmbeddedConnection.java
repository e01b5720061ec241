package io.pollen.reactor;


import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Connection} with no socket: a test feeds bytes in, reads what the handler wrote, closes
 * the input, and moves time forward, all on the test thread (like Netty's {@code EmbeddedChannel}).
 *
 * <pre>{@code
 * EmbeddedConnection c = new EmbeddedConnection(new MyHandler());
 * c.writeInbound("5:hello,");
 * assertThat(c.readOutboundString()).isEqualTo("5:world,");
 * c.advanceTime(Duration.ofSeconds(90));   // fires the handler's timers
 * assertThat(c.isOpen()).isFalse();
 * }</pre>
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Callbacks run on the calling thread, in the order the engine would make them; a callback
 *       that throws closes the connection with that cause, as the engine does.</li>
 *   <li>Writes follow the engine's accounting: water marks, hard cap and overflow policy. While
 *       {@link #setPeerReading(boolean) the peer reads} (the default), written bytes go straight to
 *       the outbound queue; while it does not, they stay pending and count towards the marks.</li>
 *   <li>Writes from other threads are accepted (the class is thread-safe for them) and appear in
 *       order; everything else belongs to the test thread.</li>
 * </ul>
 */
public final class EmbeddedConnection implements Connection {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ConnectionHandler handler;
    private final EmbeddedEventLoop loop;
    private final long lowWaterMark;
    private final long highWaterMark;
    private final long maxPendingBytes;
    private final OverflowPolicy overflowPolicy;
    private final Queue<byte[]> outbound = new ArrayDeque<>();
    private final Queue<byte[]> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean writable = true;
    private boolean peerReading = true;
    private boolean readEnabled = true;
    private boolean open = true;
    private boolean closeRequested;
    private boolean inputClosed;
    private boolean closed;
    private Throwable closeCause;
    private volatile Object attachment;

    /**
     * A connection with the reactor's default write limits, on a new {@link EmbeddedEventLoop}.
     *
     * @param handler the handler under test; its {@code onOpen} runs now
     */
    public EmbeddedConnection(ConnectionHandler handler) {
        this(handler, new EmbeddedEventLoop());
    }

    /**
     * @param handler the handler under test; its {@code onOpen} runs now
     * @param loop    the loop (and clock) to run it on
     */
    public EmbeddedConnection(ConnectionHandler handler, EmbeddedEventLoop loop) {
        this(handler, loop, ReactorBuilder.DEFAULT_WRITE_LOW_WATER_MARK, ReactorBuilder.DEFAULT_WRITE_HIGH_WATER_MARK,
                ReactorBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES, OverflowPolicy.REJECT_WRITE);
    }

    /**
     * @param handler         the handler under test; its {@code onOpen} runs now
     * @param loop            the loop (and clock) to run it on
     * @param lowWaterMark    pending bytes at or below which the connection is writable again
     * @param highWaterMark   pending bytes at or above which it is unwritable
     * @param maxPendingBytes the hard cap
     * @param overflowPolicy  what a write past the cap does
     */
    public EmbeddedConnection(ConnectionHandler handler, EmbeddedEventLoop loop, long lowWaterMark,
                              long highWaterMark, long maxPendingBytes, OverflowPolicy overflowPolicy) {
        this.handler = handler;
        this.loop = loop;
        this.lowWaterMark = lowWaterMark;
        this.highWaterMark = highWaterMark;
        this.maxPendingBytes = maxPendingBytes;
        this.overflowPolicy = overflowPolicy;
        guard(() -> handler.onOpen(this));
    }

    // ---------------------------------------------------------------- driving the handler

    /**
     * Delivers bytes as one read, then runs the tasks it queued.
     *
     * @param bytes the bytes
     */
    public void writeInbound(byte[] bytes) {
        writeInbound(ByteBuffer.wrap(bytes));
    }

    /**
     * Delivers the UTF-8 bytes of a string as one read.
     *
     * @param text the text
     */
    public void writeInbound(String text) {
        writeInbound(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Delivers a buffer's remaining bytes as one read (as a read-only view, like the engine's).
     *
     * @param bytes the bytes
     * @throws IllegalStateException if the connection is closed, its input ended or reads are paused
     */
    public void writeInbound(ByteBuffer bytes) {
        if (!open || inputClosed || closeRequested) {
            throw new IllegalStateException("the connection does not read any more (open=" + open
                    + ", inputClosed=" + inputClosed + ", closing=" + closeRequested + ")");
        }
        if (!readEnabled) {
            throw new IllegalStateException("the handler paused reading (setReadEnabled(false))");
        }
        ByteBuffer view = bytes.asReadOnlyBuffer();
        guard(() -> handler.onRead(this, view));
        loop.runPendingTasks();
    }

    /** The peer shut down its side: runs {@code onInputClosed}. */
    public void finishInbound() {
        inputClosed = true;
        guard(() -> handler.onInputClosed(this));
        loop.runPendingTasks();
    }

    /**
     * Moves the loop's clock forward, firing due timers.
     *
     * @param amount how far
     * @return how many timers fired
     */
    public int advanceTime(Duration amount) {
        return loop.advanceTime(amount);
    }

    /**
     * Makes the simulated peer stop or resume reading. Resuming delivers pending bytes to the
     * outbound queue and reports writability as the engine does.
     *
     * @param reading whether the peer reads
     */
    public void setPeerReading(boolean reading) {
        synchronized (this) {
            peerReading = reading;
        }
        if (reading) {
            drainPending();
        }
    }

    // ---------------------------------------------------------------- reading what the handler wrote

    /** @return the bytes of the oldest write not yet read, or null */
    public synchronized byte[] readOutbound() {
        return outbound.poll();
    }

    /** @return every written byte not yet read, concatenated (empty if none) */
    public synchronized byte[] readAllOutbound() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] next;
        while ((next = outbound.poll()) != null) {
            all.writeBytes(next);
        }
        return all.toByteArray();
    }

    /** @return {@link #readAllOutbound()} as UTF-8 text */
    public String readOutboundString() {
        return new String(readAllOutbound(), StandardCharsets.UTF_8);
    }

    /** @return the cause given to {@code onClose}, or null */
    public Throwable closeCause() {
        return closeCause;
    }

    /** @return the embedded loop */
    public EmbeddedEventLoop embeddedLoop() {
        return loop;
    }

    // ---------------------------------------------------------------- Connection

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
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 7000);
    }

    @Override
    public WriteResult write(ByteBuffer data) {
        return write(new ByteBuffer[] {data});
    }

    @Override
    public WriteResult write(ByteBuffer... data) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (ByteBuffer b : data) {
            byte[] chunk = new byte[b.remaining()];
            b.duplicate().get(chunk);
            joined.writeBytes(chunk);
        }
        byte[] bytes = joined.toByteArray();
        boolean becameUnwritable;
        synchronized (this) {
            if (!open || closeRequested) {
                return WriteResult.CLOSED;
            }
            if (pendingBytes + bytes.length > maxPendingBytes) {
                if (overflowPolicy == OverflowPolicy.CLOSE_CONNECTION) {
                    long had = pendingBytes;
                    loop.execute(() -> closeNow(new WriteOverflowException(had, bytes.length, maxPendingBytes)));
                    open = false;
                    return WriteResult.CLOSED;
                }
                return WriteResult.REJECTED_FULL;
            }
            for (ByteBuffer b : data) {
                b.position(b.limit());
            }
            if (peerReading) {
                outbound.add(bytes);
                return WriteResult.QUEUED;
            }
            pending.add(bytes);
            pendingBytes += bytes.length;
            becameUnwritable = writable && pendingBytes >= highWaterMark;
            if (becameUnwritable) {
                writable = false;
            }
        }
        if (becameUnwritable) {
            loop.execute(() -> guard(() -> handler.onWritabilityChanged(this, false)));
            if (loop.inLoop()) {
                loop.runPendingTasks();
            }
        }
        return WriteResult.QUEUED;
    }

    @Override
    public synchronized long pendingWriteBytes() {
        return pendingBytes;
    }

    @Override
    public synchronized boolean isWritable() {
        return writable;
    }

    @Override
    public synchronized boolean isOpen() {
        return open && !closeRequested;
    }

    @Override
    public void setReadEnabled(boolean enabled) {
        readEnabled = enabled;
    }

    /** @return whether the handler has reads enabled */
    public boolean isReadEnabled() {
        return readEnabled;
    }

    @Override
    public void close() {
        boolean drained;
        synchronized (this) {
            if (!open || closeRequested) {
                return;
            }
            closeRequested = true;
            drained = pending.isEmpty();
        }
        if (drained) {
            closeNow(null);
        }
    }

    @Override
    public void abort() {
        closeNow(null);
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    // ---------------------------------------------------------------- internals

    private void drainPending() {
        boolean becameWritable;
        boolean finishClose;
        synchronized (this) {
            byte[] next;
            while ((next = pending.poll()) != null) {
                outbound.add(next);
            }
            pendingBytes = 0;
            becameWritable = !writable && pendingBytes <= lowWaterMark;
            if (becameWritable) {
                writable = true;
            }
            finishClose = closeRequested && open;
        }
        if (becameWritable) {
            guard(() -> handler.onWritabilityChanged(this, true));
        }
        if (finishClose) {
            closeNow(null);
        }
    }

    private void closeNow(Throwable cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            open = false;
            closeRequested = true;
            closed = true;
            pending.clear();
            pendingBytes = 0;
            closeCause = cause;
        }
        try {
            handler.onClose(this, cause);
        } finally {
            loop.runPendingTasks();
        }
    }

    private void guard(Runnable callback) {
        if (closed) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            closeNow(e);
        }
    }
}
