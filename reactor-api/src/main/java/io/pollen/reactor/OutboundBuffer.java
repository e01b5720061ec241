package io.pollen.reactor;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

/**
 * A connection's outbound path, the same for every connection: the pending-byte count, the water
 * marks and writability, the hard cap with its {@link OverflowPolicy}, and the queue of buffers
 * handed to the connection's transport as it takes them.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>{@link #write} is safe from any thread. It reserves the bytes against the cap before
 *       anything is queued, so the cap holds however many threads write at once; a write from
 *       another thread is then queued by a task on the owner's loop, which keeps writes whole and in
 *       order per thread.</li>
 *   <li>{@link #pendingBytes()} counts reserved bytes not yet taken by the transport, including
 *       those of writes whose task has not run yet. Bytes leave the count exactly once: when the
 *       transport takes them, when the connection is released with them queued, or when their task
 *       finds the connection released. So it never goes negative.</li>
 *   <li>Writability drops when the count reaches the high water mark as bytes are queued, and comes
 *       back when a flush brings it to the low one; each change is reported once, on the loop, to
 *       {@link AbstractConnection#writabilityChanged}. {@link #isWritable()} also turns false as soon as
 *       a reservation reaches the high mark, so a writer on another thread sees its own write count.</li>
 *   <li>Everything else ({@link #flush}, {@link #release}, the queue) belongs to the loop thread.</li>
 * </ul>
 */
final class OutboundBuffer {
    /** Buffers gathered into one transport write; Linux's IOV_MAX is 1024, the JDK caps its own batch too. */
    static final int GATHER_BATCH = 64;
    /** Transport writes per flush before waiting for writability, for fairness. */
    private static final int MAX_WRITES_PER_FLUSH = 16;
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(OutboundBuffer.class, "pendingBytes", long.class);
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
     */
    record Limits(long lowWaterMark, long highWaterMark, long maxPendingBytes, OverflowPolicy overflowPolicy) {
    }

    private final AbstractConnection owner;
    private final Limits limits;
    @SuppressWarnings("unused") // accessed through PENDING
    private volatile long pendingBytes;
    private volatile boolean writable = true;

    // Loop-owned from here on.
    private OutboundQueue queue;
    private boolean flushScheduled;

    OutboundBuffer(AbstractConnection owner, Limits limits) {
        this.owner = owner;
        this.limits = limits;
    }

    // ---------------------------------------------------------------- any thread

    /** Queues one buffer's remaining bytes, or says why not. Any thread. */
    WriteResult write(ByteBuffer data) {
        return reserveAndQueue(data, null, data.remaining());
    }

    /** Queues several buffers as one write, all or nothing against the cap. Any thread. */
    WriteResult write(ByteBuffer[] data) {
        if (data.length == 1) {
            return write(data[0]);
        }
        long bytes = 0;
        for (ByteBuffer b : data) {
            bytes += b.remaining();
        }
        return reserveAndQueue(null, data, bytes);
    }

    long pendingBytes() {
        return (long) PENDING.getVolatile(this);
    }

    boolean isWritable() {
        return writable && pendingBytes() < limits.highWaterMark();
    }

    private WriteResult reserveAndQueue(ByteBuffer single, ByteBuffer[] many, long bytes) {
        if (!owner.isOpen()) {
            return WriteResult.CLOSED;
        }
        if (bytes == 0) {
            return WriteResult.QUEUED;
        }
        long cap = limits.maxPendingBytes();
        long previous;
        do {
            previous = pendingBytes();
            if (previous + bytes > cap) {
                return overflow(previous, bytes, cap);
            }
        } while (!PENDING.compareAndSet(this, previous, previous + bytes));

        EventLoop loop = owner.loop();
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
        if (limits.overflowPolicy() == OverflowPolicy.CLOSE_CONNECTION) {
            owner.abort(new WriteOverflowException(pending, bytes, cap));
            return WriteResult.CLOSED;
        }
        owner.writeRejected();
        return WriteResult.REJECTED_FULL;
    }

    // ---------------------------------------------------------------- loop thread

    private void append(ByteBuffer single, ByteBuffer[] many, long bytes) {
        if (owner.isReleased()) {
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
        if (writable && pendingBytes() >= limits.highWaterMark()) {
            writable = false;
            owner.writabilityChanged(false);
        }
        if (!owner.isReleased()) {
            scheduleFlush();
        }
    }

    /** Asks the owner's loop for a {@link #flush} at the end of its current phase, once. Loop thread. */
    void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            owner.flushRequested();
        }
    }

    /** @return whether buffers are queued for the transport. Loop thread. */
    boolean hasQueued() {
        return queue != null && !queue.isEmpty();
    }

    /**
     * Hands the queue to the owner's {@link AbstractConnection#transmit transport} for as long as it
     * takes everything it is given, within a fairness bound; reports writability regained. Loop thread.
     *
     * @param scratch the loop's array for gathering, left cleared
     * @throws IOException if the transport fails (the connection is then to be released)
     */
    void flush(ByteBuffer[] scratch) throws IOException {
        flushScheduled = false;
        OutboundQueue q = queue;
        for (int attempt = 0; q != null && !q.isEmpty() && attempt < MAX_WRITES_PER_FLUSH; attempt++) {
            int n = q.gather(scratch);
            long written;
            try {
                written = owner.transmit(scratch, n);
            } finally {
                Arrays.fill(scratch, 0, n, null);
            }
            q.removeWritten();
            if (written <= 0) {
                break;
            }
            PENDING.getAndAdd(this, -written);
        }
        if (!writable && pendingBytes() <= limits.lowWaterMark()) {
            writable = true;
            owner.writabilityChanged(true);
        }
    }

    /** Drops the queue, giving back its bytes; writes still in a task give back theirs when it runs. Loop thread. */
    void release() {
        if (queue != null) {
            PENDING.getAndAdd(this, -queue.clear());
            queue = null;
        }
    }
}
