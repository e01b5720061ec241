package io.pollen.reactor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A connection's queue of writes waiting to be sent, in order: a ring of buffers that gathers up to a
 * batch for one {@code writev}, and, only once a streamed write was made, the {@link StreamedRegion}s
 * between them. The ring starts small; the connection drops the whole queue once it drains, so a quiet
 * connection holds none.
 *
 * <p>Order between buffers and regions is kept by counting: the queue counts the buffers ever added
 * and ever removed, and a region remembers how many had been added when it was queued (its barrier).
 * Gathering stops at the first region's barrier; the region is at the head once that many buffers have
 * been removed, and the buffers after it wait until it is sent. A queue of buffers only pays two
 * counter increments per buffer for this.
 *
 * <p>Not thread-safe; owned by the connection's loop thread.
 */
final class OutboundQueue {
    private static final int INITIAL_CAPACITY = 4;

    private ByteBuffer[] ring;
    private int head;
    private int count;
    private long added;
    private long removed;
    /** Null until the first streamed write. */
    private ArrayDeque<StreamedRegion> regions;

    boolean isEmpty() {
        return count == 0 && (regions == null || regions.isEmpty());
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
        added++;
    }

    /** Queues a region after every buffer added so far and before every buffer added later. */
    void add(StreamedRegion region) {
        if (regions == null) {
            regions = new ArrayDeque<>(2);
        }
        region.barrier(added);
        regions.addLast(region);
    }

    /** @return the region to send now (every buffer before it is written), or null */
    StreamedRegion regionAtHead() {
        if (regions == null) {
            return null;
        }
        StreamedRegion first = regions.peekFirst();
        return first != null && first.barrier() == removed ? first : null;
    }

    /** Drops the region at the head: sent, or released. */
    StreamedRegion pollRegion() {
        return regions == null ? null : regions.pollFirst();
    }

    /**
     * Copies up to {@code out.length} queued buffers, oldest first and none past the next region, into {@code out}.
     *
     * @return how many were copied
     */
    int gather(ByteBuffer[] out) {
        int n = Math.min(count, out.length);
        if (regions != null && !regions.isEmpty()) {
            n = (int) Math.min(n, regions.peekFirst().barrier() - removed);
        }
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
            removed++;
        }
        if (count == 0) {
            head = 0;
        }
    }

    /**
     * Drops every buffer; returns the bytes that will never be written. Regions stay, for the caller
     * to release with {@link #pollRegion()}.
     */
    long clear() {
        long dropped = 0;
        for (int i = 0; i < count; i++) {
            int index = (head + i) & (ring.length - 1);
            dropped += ring[index].remaining();
            ring[index] = null;
        }
        removed += count;
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
