package io.pollen.reactor;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A loop's connections with writes queued since its last flush, flushed together at the end of a
 * loop phase (a handler that writes ten times in one callback costs one transport write, not ten),
 * and the one array their flushes gather buffers into.
 *
 * <p>Loop thread only. A flush may queue more connections (a writability handler writing to
 * another connection); they are flushed in the same pass. A pass started while one runs (a callback
 * that drives an embedded loop) adds to it rather than starting over.
 */
final class FlushList {
    private final ByteBuffer[] gatherScratch = new ByteBuffer[OutboundBuffer.GATHER_BATCH];
    private AbstractConnection[] connections = new AbstractConnection[64];
    private int count;
    private boolean flushing;

    /** @return the array a flush gathers buffers into; each flush leaves it cleared */
    ByteBuffer[] gatherScratch() {
        return gatherScratch;
    }

    void add(AbstractConnection connection) {
        if (count == connections.length) {
            connections = Arrays.copyOf(connections, connections.length * 2);
        }
        connections[count++] = connection;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void flushAll() {
        if (flushing) {
            return;
        }
        flushing = true;
        int next = 0;
        try {
            while (next < count) {
                AbstractConnection connection = connections[next];
                connections[next++] = null;
                connection.flush();
            }
        } finally {
            int left = count - next;
            if (left > 0) {
                // A flush threw: the connections after it wait for the next pass.
                System.arraycopy(connections, next, connections, 0, left);
                Arrays.fill(connections, left, count, null);
            }
            count = left;
            flushing = false;
        }
    }
}
