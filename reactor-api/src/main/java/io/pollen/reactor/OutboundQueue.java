package io.pollen.reactor;

import java.nio.ByteBuffer;

/**
 * A connection's queue of buffers waiting to be written, in order, as a ring that gathers up to a
 * batch of buffers for one {@code writev}. The ring starts small; the connection drops the whole
 * queue once it drains, so a quiet connection holds none.
 *
 * <p>Not thread-safe; owned by the connection's loop thread.
 */
final class OutboundQueue {
    private static final int INITIAL_CAPACITY = 4;

    private ByteBuffer[] ring;
    private int head;
    private int count;

    boolean isEmpty() {
        return count == 0;
    }

    void add(ByteBuffer buffer) {
        if (!buffer.hasRemaining()) {
            return;
        }
        if (ring == null) {
            ring = new ByteBuffer[INITIAL_CAPACITY];
        } else if (count == ring.length) {
            grow();
        }
        ring[(head + count) & (ring.length - 1)] = buffer;
        count++;
    }

    /**
     * Copies up to {@code out.length} queued buffers, oldest first, into {@code out}.
     *
     * @return how many were copied
     */
    int gather(ByteBuffer[] out) {
        int n = Math.min(count, out.length);
        int mask = ring == null ? 0 : ring.length - 1;
        for (int i = 0; i < n; i++) {
            out[i] = ring[(head + i) & mask];
        }
        return n;
    }

    /** Drops the leading buffers that a write has fully consumed. */
    void removeWritten() {
        while (count > 0 && !ring[head].hasRemaining()) {
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
        }
        if (count == 0) {
            head = 0;
        }
    }

    /** Drops everything; returns the bytes that will never be written. */
    long clear() {
        long dropped = 0;
        for (int i = 0; i < count; i++) {
            int index = (head + i) & (ring.length - 1);
            dropped += ring[index].remaining();
            ring[index] = null;
        }
        count = 0;
        head = 0;
        ring = null;
        return dropped;
    }

    private void grow() {
        ByteBuffer[] bigger = new ByteBuffer[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }
}
