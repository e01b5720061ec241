package io.pollen.reactor;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * A connection's outbound path, the same for every connection: the pending-byte count, the water
 * marks and writability, the hard cap with its {@link OverflowPolicy}, and the queue of buffers
 * handed to the connection's transport as it takes them.
 *
 * <p>It is the base class of {@link AbstractConnection} rather than an object the connection holds:
 * the code stays apart from the lifecycle, and a connection costs no second object header and no
 * back-reference (tens of thousands of idle connections are the point of this library). The hooks
 * it needs from its connection are the abstract methods below.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>{@link #write} is safe from any thread. It reserves the bytes against the cap before
 *       anything is queued, so the cap holds however many threads write at once; a write from
 *       another thread is then queued by a task on the owner's loop, which keeps writes whole and in
 *       order per thread.</li>
 *   <li>{@link #pendingWriteBytes()} counts reserved bytes not yet taken by the transport, including
 *       those of writes whose task has not run yet. Bytes leave the count exactly once: when the
 *       transport takes them, when the connection is released with them queued, or when their task
 *       finds the connection released. So it never goes negative.</li>
 *   <li>Writability drops when the count reaches the high water mark as bytes are queued, and comes
 *       back when a flush brings it to the low one; each change is reported once, on the loop, to
 *       {@link #writabilityChanged}. {@link #isWritable()} also turns false as soon as
 *       a reservation reaches the high mark, so a writer on another thread sees its own write count.</li>
 *   <li>A streamed write ({@link #writeFile}) is not held in memory, so its region never counts
 *       against the hard cap: it is refused only when {@link Limits#maxPendingStreams()} streamed
 *       writes are pending already. Its region's bytes are counted apart (so the cap's arithmetic
 *       stays the one compare-and-set of in-memory bytes) and {@link #pendingWriteBytes()} is the sum:
 *       a pending region counts towards the water marks, so a connection streaming a large file is
 *       unwritable until most of it is sent, and writers that respect writability wait behind it.</li>
 *   <li>Everything else ({@link #flushQueue}, {@link #releaseQueue}, the queue) belongs to the loop thread.</li>
 * </ul>
 */
abstract class OutboundBuffer implements Connection {
    /** Buffers gathered into one transport write; Linux's IOV_MAX is 1024, the JDK caps its own batch too. */
    static final int GATHER_BATCH = 64;
    /** Transport writes per flush before waiting for writability, for fairness. */
    private static final int MAX_WRITES_PER_FLUSH = 16;
    private static final VarHandle PENDING;
    private static final VarHandle STREAMED;
    private static final VarHandle STREAMS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PENDING = lookup.findVarHandle(OutboundBuffer.class, "pendingBytes", long.class);
            STREAMED = lookup.findVarHandle(OutboundBuffer.class, "streamedBytes", long.class);
            STREAMS = lookup.findVarHandle(OutboundBuffer.class, "pendingStreams", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The limits of a connection's outbound path; one instance is shared by all of a loop's connections.
     *
     * @param lowWaterMark    pending bytes at or below which an unwritable connection is writable again
     * @param highWaterMark   pending bytes at or above which a connection is unwritable
     * @param maxPendingBytes the hard cap on pending bytes
     * @param overflowPolicy  what a write past the cap does
     * @param maxPendingStreams the most streamed writes pending at once
     */
    record Limits(long lowWaterMark, long highWaterMark, long maxPendingBytes, OverflowPolicy overflowPolicy,
                  int maxPendingStreams) {
    }

    private final Limits limits;
    /** In-memory bytes reserved and not yet taken: the hard cap applies to these. */
    @SuppressWarnings("unused") // accessed through PENDING
    private volatile long pendingBytes;
    /** Bytes of pending streamed regions not yet taken. */
    @SuppressWarnings("unused") // accessed through STREAMED
    private volatile long streamedBytes;
    /** Streamed writes reserved and not yet sent or released. */
    @SuppressWarnings("unused") // accessed through STREAMS
    private volatile int pendingStreams;
    private volatile boolean writable = true;

    // Loop-owned from here on.
    private OutboundQueue queue;
    private boolean flushScheduled;

    OutboundBuffer(Limits limits) {
        this.limits = limits;
    }

    // ---------------------------------------------------------------- what the connection provides

    /** @return whether the connection is released (CLOSED). Loop thread. */
    abstract boolean isReleased();

    /** Closes the connection at once with a cause (the CLOSE_CONNECTION policy). Any thread. */
    abstract void abort(Throwable cause);

    /** A write was refused under {@link OverflowPolicy#REJECT_WRITE}, for the counters. Any thread. */
    abstract void writeRejected();

    /** Writability changed; tell the handler if it knows the connection. Loop thread. */
    abstract void writabilityChanged(boolean writable);

    /** Asks the loop for a flush at the end of its current phase. Loop thread. */
    abstract void flushRequested();

    /**
     * Writes gathered buffers to the peer, taking what it can now. Loop thread.
     *
     * @param buffers the buffers, from index 0; their positions advance by what is taken
     * @param count   how many of them
     * @return the bytes taken; 0 when the peer takes nothing now
     * @throws IOException if the transport failed
     */
    abstract long transmit(ByteBuffer[] buffers, int count) throws IOException;

    /**
     * Sends part of a file region to the peer, taking what it can now. Loop thread.
     *
     * @param file     the file, read from {@code position} without moving its own position
     * @param position where to start
     * @param count    the bytes left in the region, at least 1
     * @return the bytes taken; 0 when the peer takes nothing now (or the file has no byte at {@code position})
     * @throws IOException if the file or the transport failed
     */
    abstract long transmitFile(FileChannel file, long position, long count) throws IOException;

    // ---------------------------------------------------------------- Connection's write side, any thread
    // Not final, and not to be overridden: javac gives the public EmbeddedConnection public bridges
    // to non-final methods only, and without them reflection from other packages cannot call these.

    @Override
    public WriteResult write(ByteBuffer data) {
        return reserveAndQueue(data, null, data.remaining());
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
        return reserveAndQueue(null, data, bytes);
    }

    @Override
    public long pendingWriteBytes() {
        return (long) PENDING.getVolatile(this) + (long) STREAMED.getVolatile(this);
    }

    @Override
    public WriteResult writeFile(ByteBuffer head, FileChannel file, long position, long count, ByteBuffer tail) {
        Objects.requireNonNull(file, "file");
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("a file region needs a position and a count of at least 0, got "
                    + position + " and " + count);
        }
        return queueStreamed(head, new StreamedRegion(file, position, count), count, tail);
    }

    @Override
    public WriteResult writeStream(ByteBuffer head, StreamProducer producer, long count, ByteBuffer tail) {
        Objects.requireNonNull(producer, "producer");
        if (count < 0) {
            throw new IllegalArgumentException("a produced stream needs a length of at least 0, got " + count);
        }
        return queueStreamed(head, new StreamedRegion(producer, count), count, tail);
    }

    /** Reserves a streamed-write slot and the framing, and hands the region to the loop. Any thread. */
    private WriteResult queueStreamed(ByteBuffer head, StreamedRegion region, long count, ByteBuffer tail) {
        if (!isOpen()) {
            return WriteResult.CLOSED;
        }
        if (!reserveStream()) {
            writeRejected();
            return WriteResult.REJECTED_FULL;
        }
        long framing = (head == null ? 0 : head.remaining()) + (tail == null ? 0 : tail.remaining());
        WriteResult refused = reserve(framing);
        if (refused != null) {
            STREAMS.getAndAdd(this, -1);
            return refused;
        }
        STREAMED.getAndAdd(this, count);
        EventLoop loop = loop();
        if (loop.inLoop()) {
            appendStreamed(head, region, tail, framing);
        } else {
            try {
                loop.execute(() -> appendStreamed(head, region, tail, framing));
            } catch (RejectedExecutionException e) {
                PENDING.getAndAdd(this, -framing);
                giveBack(region);
                return WriteResult.CLOSED; // the caller keeps the file or producer: nothing was queued
            }
        }
        return WriteResult.QUEUED;
    }

    /** Takes one of the connection's streamed-write slots, if one is free. Any thread. */
    private boolean reserveStream() {
        int max = limits.maxPendingStreams();
        int previous;
        do {
            previous = (int) STREAMS.getVolatile(this);
            if (previous >= max) {
                return false;
            }
        } while (!STREAMS.compareAndSet(this, previous, previous + 1));
        return true;
    }

    /** Gives back what a region still counts: its unsent bytes and its slot. Any thread. */
    private void giveBack(StreamedRegion region) {
        STREAMED.getAndAdd(this, -region.remaining());
        STREAMS.getAndAdd(this, -1);
    }

    @Override
    public boolean isWritable() {
        return writable && pendingWriteBytes() < limits.highWaterMark();
    }

    private WriteResult reserveAndQueue(ByteBuffer single, ByteBuffer[] many, long bytes) {
        if (!isOpen()) {
            return WriteResult.CLOSED;
        }
        if (bytes == 0) {
            return WriteResult.QUEUED;
        }
        WriteResult refused = reserve(bytes);
        if (refused != null) {
            return refused;
        }
        EventLoop loop = loop();
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

    /**
     * Reserves in-memory bytes against the hard cap. Any thread.
     *
     * @return null if reserved, else the refusal (the overflow policy applied)
     */
    private WriteResult reserve(long bytes) {
        if (bytes == 0) {
            return null;
        }
        long cap = limits.maxPendingBytes();
        long previous;
        do {
            previous = (long) PENDING.getVolatile(this);
            if (previous + bytes > cap) {
                return overflow(previous, bytes, cap);
            }
        } while (!PENDING.compareAndSet(this, previous, previous + bytes));
        return null;
    }

    private WriteResult overflow(long pending, long bytes, long cap) {
        if (limits.overflowPolicy() == OverflowPolicy.CLOSE_CONNECTION) {
            abort(new WriteOverflowException(pending, bytes, cap));
            return WriteResult.CLOSED;
        }
        writeRejected();
        return WriteResult.REJECTED_FULL;
    }

    // ---------------------------------------------------------------- loop thread

    private void append(ByteBuffer single, ByteBuffer[] many, long bytes) {
        if (isReleased()) {
            PENDING.getAndAdd(this, -bytes);
            return;
        }
        if (queue == null) {
            queue = new OutboundQueue();
        }
        if (single != null) {
            queue.add(single);
        } else {
            for (ByteBuffer b : many) {
                queue.add(b);
            }
        }
        queued();
    }

    private void appendStreamed(ByteBuffer head, StreamedRegion region, ByteBuffer tail, long framing) {
        if (isReleased()) {
            PENDING.getAndAdd(this, -framing);
            giveBack(region);
            region.release();
            return;
        }
        if (queue == null) {
            queue = new OutboundQueue();
        }
        if (head != null) {
            queue.add(head);
        }
        queue.add(region);
        if (tail != null) {
            queue.add(tail);
        }
        queued();
    }

    /** Something was queued: writability may be lost, and a flush is due. Loop thread. */
    private void queued() {
        if (writable && pendingWriteBytes() >= limits.highWaterMark()) {
            writable = false;
            writabilityChanged(false);
        }
        if (!isReleased()) {
            scheduleFlush();
        }
    }

    /** Asks the loop for a {@link #flushQueue} at the end of its current phase, once. Loop thread. */
    final void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            flushRequested();
        }
    }

    /** @return whether buffers or streamed regions are queued for the transport. Loop thread. */
    final boolean hasQueued() {
        return queue != null && !queue.isEmpty();
    }

    /**
     * Hands the queue to the connection's {@link #transmit transport} for as long as it
     * takes everything it is given, within a fairness bound; reports writability regained. Loop thread.
     *
     * @param scratch the loop's array for gathering, left cleared
     * @throws IOException if the transport fails (the connection is then to be released)
     */
    final void flushQueue(ByteBuffer[] scratch) throws IOException {
        flushScheduled = false;
        OutboundQueue q = queue;
        for (int attempt = 0; q != null && !q.isEmpty() && attempt < MAX_WRITES_PER_FLUSH; attempt++) {
            StreamedRegion region = q.regionAtHead();
            boolean progressed = region != null ? transmitRegion(q, region, scratch) : transmitBuffers(q, scratch);
            if (!progressed) {
                break;
            }
        }
        if (q != null && q.isEmpty()) {
            // Most connections go quiet between messages: holding no queue then keeps an idle
            // session's footprint down, at the price of one small allocation per burst of writes.
            queue = null;
        }
        if (!writable && pendingWriteBytes() <= limits.lowWaterMark()) {
            writable = true;
            writabilityChanged(true);
        }
    }

    /** @return whether the transport took any byte */
    private boolean transmitBuffers(OutboundQueue q, ByteBuffer[] scratch) throws IOException {
        int n = q.gather(scratch);
        long written;
        try {
            written = transmit(scratch, n);
        } finally {
            Arrays.fill(scratch, 0, n, null);
        }
        q.removeWritten();
        if (written <= 0) {
            return false;
        }
        PENDING.getAndAdd(this, -written);
        return true;
    }

    /** @return whether the region moved on: bytes taken, or the region finished */
    private boolean transmitRegion(OutboundQueue q, StreamedRegion region, ByteBuffer[] scratch) throws IOException {
        if (region.remaining() > 0 && region.file() == null) {
            // A produced stream: its window goes out like any buffer, and is pulled again once taken.
            scratch[0] = region.pulled();
            long sent;
            try {
                sent = transmit(scratch, 1);
            } finally {
                scratch[0] = null;
            }
            if (sent <= 0) {
                return false;
            }
            region.advance(sent);
            STREAMED.getAndAdd(this, -sent);
        } else if (region.remaining() > 0) {
            long sent = transmitFile(region.file(), region.position(), region.remaining());
            if (sent <= 0) {
                // Checked only when nothing moved: a file cut short would otherwise look like a peer
                // that never reads, and the frame around the region could never be completed.
                if (region.position() >= region.file().size()) {
                    throw new EOFException("a streamed write's file ends at " + region.file().size()
                            + " bytes, before its region (" + region.remaining() + " bytes unsent)");
                }
                return false;
            }
            region.advance(sent);
            STREAMED.getAndAdd(this, -sent);
        }
        if (region.remaining() == 0) {
            q.pollRegion();
            STREAMS.getAndAdd(this, -1);
            region.release();
        }
        return true;
    }

    /**
     * Drops the queue, giving back its bytes and closing the files of its streamed writes; writes
     * still in a task give back theirs when it runs. Loop thread.
     */
    final void releaseQueue() {
        if (queue != null) {
            PENDING.getAndAdd(this, -queue.clear());
            for (StreamedRegion region; (region = queue.pollRegion()) != null; ) {
                giveBack(region);
                region.release();
            }
            queue = null;
        }
    }
}
