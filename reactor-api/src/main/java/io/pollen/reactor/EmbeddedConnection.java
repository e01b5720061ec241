package io.pollen.reactor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 *   <li>Only the transport is simulated. The lifecycle, the callbacks and the whole write path
 *       (pending bytes, water marks and writability events, the hard cap and overflow policy, the
 *       graceful close and its drain deadline) are the engine's own code, so a sequence of writes
 *       gives the same results here as on a socket.</li>
 *   <li>The test thread is the loop thread: it is the thread that created the
 *       {@link EmbeddedEventLoop}, and every method here but the {@link Connection} ones belongs to
 *       it. Callbacks run on it, in the order the engine would make them; a callback that throws
 *       closes the connection with that cause, as the engine does.</li>
 *   <li>Between the test's calls the loop is idle. As on the engine's loop, bytes written are flushed
 *       at the end of the step that wrote them (a callback, a timer, a batch of tasks), and a write
 *       from another thread is queued by a task: both happen when the test next drives the loop,
 *       with {@link #writeInbound(ByteBuffer)}, {@link #finishInbound()}, {@link #advanceTime},
 *       {@link #setPeerReading}, a {@code readOutbound} method or
 *       {@link EmbeddedEventLoop#runPendingTasks()}.</li>
 *   <li>While {@link #setPeerReading(boolean) the peer reads} (the default), a flush hands it every
 *       queued byte; while it does not, the bytes stay pending and count towards the marks and the
 *       cap, as they would once a real socket's buffers are full. A {@linkplain Connection#writeFile streamed
 *       write}'s region is read from its file in chunks of 64 KiB, one array each for
 *       {@link #readOutbound()}, with the reactor's default {@link ReactorBuilder#maxPendingStreams(int)}.</li>
 * </ul>
 */
public final class EmbeddedConnection extends AbstractConnection {
    private static final AtomicLong IDS = new AtomicLong();
    private static final SocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
    private static final SocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 7000);
    private static final long DRAIN_TIMEOUT_NANOS = ReactorBuilder.DEFAULT_SHUTDOWN_DRAIN_TIMEOUT.toNanos();
    /** How much of a streamed region the simulated peer reads at once, like a socket buffer's worth. */
    private static final int FILE_READ_CHUNK = 64 * 1024;

    private final EmbeddedEventLoop loop;
    /** What the simulated peer has read: one array per buffer written. */
    private final Queue<byte[]> received = new ArrayDeque<>();
    private boolean peerReading = true;
    private volatile boolean readEnabled = true;
    private boolean inputClosed;
    private Throwable closeCause;

    /**
     * A connection with the reactor's default write limits, on a new {@link EmbeddedEventLoop} owned
     * by the calling thread.
     *
     * @param handler the handler under test; its {@code onOpen} runs now
     */
    public EmbeddedConnection(ConnectionHandler handler) {
        this(handler, new EmbeddedEventLoop());
    }

    /**
     * A connection with the reactor's default write limits. Loop thread.
     *
     * @param handler the handler under test; its {@code onOpen} runs now
     * @param loop    the loop (and clock) to run it on
     */
    public EmbeddedConnection(ConnectionHandler handler, EmbeddedEventLoop loop) {
        this(handler, loop, ReactorBuilder.DEFAULT_WRITE_LOW_WATER_MARK, ReactorBuilder.DEFAULT_WRITE_HIGH_WATER_MARK,
                ReactorBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES, OverflowPolicy.REJECT_WRITE);
    }

    /**
     * A connection with its own write limits, as {@link ReactorBuilder} sets them. Loop thread.
     *
     * @param handler         the handler under test; its {@code onOpen} runs now, then the loop flushes
     * @param loop            the loop (and clock) to run it on
     * @param lowWaterMark    pending bytes at or below which the connection is writable again
     * @param highWaterMark   pending bytes at or above which it is unwritable
     * @param maxPendingBytes the hard cap
     * @param overflowPolicy  what a write past the cap does
     */
    public EmbeddedConnection(ConnectionHandler handler, EmbeddedEventLoop loop, long lowWaterMark,
                              long highWaterMark, long maxPendingBytes, OverflowPolicy overflowPolicy) {
        super(IDS.incrementAndGet(), handler,
                new OutboundBuffer.Limits(lowWaterMark, highWaterMark, maxPendingBytes, overflowPolicy,
                        ReactorBuilder.DEFAULT_MAX_PENDING_STREAMS), loop.flushList());
        this.loop = loop;
        markOpen();
        fireOpened();
        loop.runPendingTasks();
    }

    // ---------------------------------------------------------------- driving the handler, loop thread

    /**
     * Delivers bytes as one read, then lets the loop flush and run the tasks it queued.
     *
     * @param bytes the bytes
     * @throws IllegalStateException if the connection is closed or closing, its input ended or reads are paused
     */
    public void writeInbound(byte[] bytes) {
        writeInbound(ByteBuffer.wrap(bytes));
    }

    /**
     * Delivers the UTF-8 bytes of a string as one read, like {@link #writeInbound(byte[])}.
     *
     * @param text the text
     * @throws IllegalStateException if the connection is closed or closing, its input ended or reads are paused
     */
    public void writeInbound(String text) {
        writeInbound(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Delivers a buffer's remaining bytes as one read (as a read-only view, like the engine's), then
     * lets the loop flush and run the tasks it queued.
     *
     * @param bytes the bytes
     * @throws IllegalStateException if the connection is closed or closing, its input ended or reads are paused
     */
    public void writeInbound(ByteBuffer bytes) {
        if (!isOpen() || inputClosed) {
            throw new IllegalStateException("the connection does not read any more (open=" + isOpen()
                    + ", inputClosed=" + inputClosed + ")");
        }
        if (!readEnabled) {
            throw new IllegalStateException("the handler paused reading (setReadEnabled(false))");
        }
        fireRead(bytes.asReadOnlyBuffer());
        loop.runPendingTasks();
    }

    /** The peer shut down its side: runs {@code onInputClosed}, then lets the loop flush and run its tasks. */
    public void finishInbound() {
        inputClosed = true;
        if (!isReleased()) {
            fireInputClosed();
        }
        loop.runPendingTasks();
    }

    /**
     * Moves the loop's clock forward, firing due timers; see {@link EmbeddedEventLoop#advanceTime}.
     *
     * @param amount how far
     * @return how many timers fired
     */
    public int advanceTime(Duration amount) {
        return loop.advanceTime(amount);
    }

    /**
     * Makes the simulated peer stop or resume reading. Resuming flushes at once, which reports
     * writability and finishes a graceful close as the engine does, then runs the loop's tasks.
     *
     * @param reading whether the peer reads
     */
    public void setPeerReading(boolean reading) {
        peerReading = reading;
        if (reading) {
            flush();
            loop.runPendingTasks();
        }
    }

    // ---------------------------------------------------------------- what the peer read, loop thread

    /**
     * Lets the loop finish what is queued (tasks, then flushes), as it would before a real peer could
     * read, then takes the oldest buffer the peer has read.
     *
     * @return the bytes of the oldest buffer written and read by the peer but not yet by the test, or
     *         null; a write of several buffers gives one array per buffer
     */
    public byte[] readOutbound() {
        loop.runPendingTasks();
        return received.poll();
    }

    /**
     * Like {@link #readOutbound()}, for everything the peer has read.
     *
     * @return every byte read by the peer and not yet by the test, concatenated (empty if none)
     */
    public byte[] readAllOutbound() {
        loop.runPendingTasks();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] next;
        while ((next = received.poll()) != null) {
            all.writeBytes(next);
        }
        return all.toByteArray();
    }

    /** @return {@link #readAllOutbound()} as UTF-8 text */
    public String readOutboundString() {
        return new String(readAllOutbound(), StandardCharsets.UTF_8);
    }

    /** @return the cause given to {@code onClose}, or null (also before the close) */
    public Throwable closeCause() {
        return closeCause;
    }

    /** @return the embedded loop. Any thread. */
    public EmbeddedEventLoop embeddedLoop() {
        return loop;
    }

    /** @return whether the handler has reads enabled. Any thread. */
    public boolean isReadEnabled() {
        return readEnabled;
    }

    // ---------------------------------------------------------------- Connection, any thread

    @Override
    public EventLoop loop() {
        return loop;
    }

    /** @return a fixed loopback address standing for the peer */
    @Override
    public SocketAddress remoteAddress() {
        return REMOTE;
    }

    /** @return a fixed loopback address standing for this end */
    @Override
    public SocketAddress localAddress() {
        return LOCAL;
    }

    /**
     * Pauses or resumes reading: while paused, {@link #writeInbound(ByteBuffer)} refuses bytes. Any thread.
     *
     * @param enabled false to stop reading, true to read again
     */
    @Override
    public void setReadEnabled(boolean enabled) {
        readEnabled = enabled;
    }

    // ---------------------------------------------------------------- the simulated transport

    /** The peer reads everything it is given, or nothing. */
    @Override
    long transmit(ByteBuffer[] buffers, int count) {
        if (!peerReading) {
            return 0;
        }
        long taken = 0;
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[buffers[i].remaining()];
            buffers[i].get(bytes);
            received.add(bytes);
            taken += bytes.length;
        }
        return taken;
    }

    /** The peer reads a chunk of the region per call (one array in {@link #readOutbound()}), or nothing. */
    @Override
    long transmitFile(FileChannel file, long position, long count) throws IOException {
        if (!peerReading) {
            return 0;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(count, FILE_READ_CHUNK));
        int n = file.read(chunk, position);
        if (n <= 0) {
            return 0;
        }
        byte[] bytes = new byte[n];
        chunk.flip().get(bytes);
        received.add(bytes);
        return n;
    }

    /** A reading peer takes more at once: where a socket would wait to be writable, flush again. */
    @Override
    void updateInterest() {
        if (peerReading && hasQueued()) {
            scheduleFlush();
        }
    }

    @Override
    long drainTimeoutNanos() {
        return DRAIN_TIMEOUT_NANOS;
    }

    @Override
    void writeRejected() {
        // An embedded connection keeps no counters.
    }

    /** Records the cause and tells the handler; an exception from {@code onClose} reaches the test. */
    @Override
    void released(boolean wasEstablished, Throwable cause) {
        closeCause = cause;
        handler.onClose(this, cause);
    }
}
