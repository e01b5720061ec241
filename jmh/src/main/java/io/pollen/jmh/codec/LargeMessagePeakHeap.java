package io.pollen.jmh.codec;

import io.pollen.codec.reactor.LargeUploadRun;
import io.pollen.reactor.ConnectionHandler;

/**
 * Streams one large upload (100 MiB by default) through the codec and prints the heap's peak, to show
 * that a message is never held whole. Not a JMH benchmark: memory is the measure, so it runs once.
 *
 * <pre>
 * java -Xmx64m -XX:+UseSerialGC -cp jmh/target/benchmarks.jar io.pollen.jmh.codec.LargeMessagePeakHeap [MiB]
 * </pre>
 * Prints {@link LargeUploadRun#report() one JSON line}. The run is codec-netstring's, shared with its
 * {@code LargeUploadForkedTest} through that module's test-jar; here the replies go to a
 * {@link DiscardingConnection}.
 */
public final class LargeMessagePeakHeap {

    private static final int READ_SIZE = 64 * 1024;

    private LargeMessagePeakHeap() {
    }

    /**
     * @param args optionally, the payload size in MiB (default 100)
     */
    public static void main(String[] args) {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 100;
        LargeUploadRun run = new LargeUploadRun(mib << 20);
        ConnectionHandler codec = run.codec();
        DiscardingConnection connection = new DiscardingConnection();

        run.stream(READ_SIZE, read -> codec.onRead(connection, read));

        if (run.failure() != null) {
            throw new IllegalStateException(run.failure());
        }
        System.out.println(run.report());
    }
}
