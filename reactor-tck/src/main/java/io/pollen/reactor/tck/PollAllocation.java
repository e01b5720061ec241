package io.pollen.reactor.tck;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link PollerAllocationConformance} in a child JVM: counts the bytes this thread allocates
 * (HotSpot's per-thread counter, {@code com.sun.management.ThreadMXBean}) across many polls of the
 * backend named by the first argument, each reporting one ready registration, on every path a loop
 * takes: without waiting, with a timeout, and woken from an untimed wait. Reports the figures with
 * {@link ChildJvm#report}; the parent asserts on them.
 *
 * <p>The ready registration's descriptor is numbered above {@value #SMALL_DESCRIPTORS}, as on any
 * busy server: below that, a selector that boxes descriptor numbers would get cached
 * {@link Integer}s and hide its allocation.
 */
final class PollAllocation {
    /** Descriptor numbers that {@link Integer#valueOf} caches by default (0 to 127). */
    static final int SMALL_DESCRIPTORS = 128;
    /** Rounds before measuring, so the code measured is the compiled code a busy loop runs. */
    static final int WARM_UP_ROUNDS = 20_000;
    static final int MEASURED_ROUNDS = 20_000;
    /** Each round polls without waiting, with a timeout, and after a wake-up without timeout. */
    static final int POLLS_PER_ROUND = 3;
    private static final int READY_TOKEN = 1;
    private static final int IDLE_TOKEN = 2;

    private PollAllocation() {
    }

    /** @param args the backend's alias */
    public static void main(String[] args) {
        try {
            measure(BackendUnderTest.of(args[0]));
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure(BackendUnderTest backend) throws IOException {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        List<AutoCloseable> open = new ArrayList<>();
        try (Poller poller = backend.openPoller()) {
            List<FileChannel> padding = new ArrayList<>();
            for (int i = 0; i < SMALL_DESCRIPTORS; i++) {
                padding.add(FileChannel.open(Path.of("/dev/null")));
            }
            Set<Integer> before = OpenDescriptors.numbers();
            SocketChannel[] ready = pair(open);
            Set<Integer> added = OpenDescriptors.numbers();
            added.removeAll(before);
            ChildJvm.report("lowestDescriptorOfThePair", Collections.min(added));
            SocketChannel[] idle = pair(open);
            for (FileChannel file : padding) {
                file.close();
            }

            poller.register(ready[0], READY_TOKEN, Interest.READ);
            poller.register(idle[0], IDLE_TOKEN, Interest.READ);
            ready[1].write(ByteBuffer.wrap(new byte[] {1})); // never read: the token stays ready
            CountingHandler handler = new CountingHandler();
            while (handler.reports == 0) {
                poller.poll(TimeUnit.SECONDS.toNanos(10), handler);
            }

            rounds(poller, WARM_UP_ROUNDS, handler);
            handler.reports = 0;
            long start = threads.getCurrentThreadAllocatedBytes();
            rounds(poller, MEASURED_ROUNDS, handler);
            long allocated = threads.getCurrentThreadAllocatedBytes() - start;

            ChildJvm.report("polls", (long) MEASURED_ROUNDS * POLLS_PER_ROUND);
            ChildJvm.report("reports", handler.reports);
            ChildJvm.report("allocatedBytes", allocated);
        } finally {
            for (AutoCloseable resource : open) {
                close(resource);
            }
        }
    }

    private static void rounds(Poller poller, int count, ReadyHandler handler) throws IOException {
        long timeout = TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < count; i++) {
            poller.poll(0, handler);
            poller.poll(timeout, handler);
            poller.wakeup();
            poller.poll(-1, handler);
        }
    }

    /** @return {accepted end, connecting end}, both non-blocking */
    private static SocketChannel[] pair(List<AutoCloseable> open) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(listener.getLocalAddress());
            open.add(client);
            SocketChannel server = listener.accept();
            open.add(server);
            client.configureBlocking(false);
            server.configureBlocking(false);
            return new SocketChannel[] {server, client};
        }
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            throw new AssertionError("this JVM does not count the bytes each thread allocates"
                    + " (com.sun.management.ThreadMXBean); run the test kit on HotSpot");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // the child exits next
        }
    }

    /** Counts reports in a field: a handler that allocates nothing itself. */
    private static final class CountingHandler implements ReadyHandler {
        long reports;

        @Override
        public void onReady(int token, int readyOps) {
            if (token != READY_TOKEN || readyOps != Interest.READ) {
                throw new AssertionError("unexpected report: token " + token + ", " + Interest.toString(readyOps));
            }
            reports++;
        }
    }
}
