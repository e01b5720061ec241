package io.pollen.codec.reactor;

import io.pollen.codec.CodecConfig;
import io.pollen.reactor.ConnectionHandler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streams one huge {@link UploadGenerator upload} through the codec's connection handler, as an event
 * loop would deliver it (one reused direct read buffer), and measures the heap's peak while it passes.
 * The caller decides which connection the reads go through: {@link LargeUploadMain} uses the reactor
 * test kit's {@code EmbeddedConnection}, the {@code jmh} module's {@code LargeMessagePeakHeap} a
 * connection that drops every write.
 *
 * <p>Shared with the {@code jmh} module through this module's test-jar. One run per instance, on one
 * thread.
 */
public final class LargeUploadRun {

    private final UploadGenerator upload;
    private final UploadRecorder recorder = new UploadRecorder();
    private final ConnectionHandler codec;
    private long peakHeapBefore;
    private long peakHeapDuring;
    private double seconds;

    /**
     * @param payloadBytes the upload's payload length, at least
     */
    public LargeUploadRun(long payloadBytes) {
        this.upload = new UploadGenerator(UploadGenerator.itemsFor(payloadBytes));
        CodecConfig config = new CodecConfig().maxFrameLength(upload.payloadLength());
        this.codec = MessageConnectionHandler.factory(config, recorder).get();
    }

    /** @return the codec's handler for the one connection the upload goes through */
    public ConnectionHandler codec() {
        return codec;
    }

    /**
     * Streams the whole upload, resetting the heap pools' peaks first so that setup does not count.
     *
     * @param readSize bytes per read
     * @param read     hands one read to {@link #codec()}, as the connection's event loop would
     */
    public void stream(int readSize, Consumer<ByteBuffer> read) {
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(readSize);
        peakHeapBefore = resetHeapPeaks();
        long start = System.nanoTime();
        while (upload.hasRemaining()) {
            readBuffer.clear();
            upload.fill(readBuffer);
            read.accept(readBuffer.flip());
        }
        seconds = (System.nanoTime() - start) / 1e9;
        peakHeapDuring = heapPeak();
    }

    /** @return why the upload did not arrive whole as one large message, or null if it did */
    public String failure() {
        return recorder.failure(upload);
    }

    /**
     * @return one JSON line: payload bytes and tokens received, MiB/s of this single pass (JIT warm-up and
     *         generating the input included), the heap's peak before and while streaming, and the maximum heap
     */
    public String report() {
        return String.format(Locale.ROOT, "{\"payload_bytes\":%d,\"tokens\":%d,\"mib_per_s\":%.1f,"
                        + "\"peak_heap_before_bytes\":%d,\"peak_heap_during_bytes\":%d,\"max_heap_bytes\":%d}",
                recorder.payloadBytes(), recorder.tokens(), recorder.payloadBytes() / 1048576.0 / seconds, peakHeapBefore, peakHeapDuring,
                Runtime.getRuntime().maxMemory());
    }

    /** @return the heap's peak so far, then starts measuring a new one */
    private static long resetHeapPeaks() {
        long peak = heapPeak();
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return peak;
    }

    /** Sum of each heap pool's peak: an upper bound of the heap's peak, as pools peak at different times. */
    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
