package io.pollen.reactor.tck;

import io.pollen.reactor.Backends;
import io.pollen.reactor.Listener;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Turning connections away: the connection cap, and running out of descriptors. */
public abstract class AcceptOverloadConformance extends ConformanceTest {
    /** Exhausting a larger limit would hold too many files for a test JVM (reported as skipped). */
    private static final long MAX_LIMIT_TO_EXHAUST = 65_536;
    /** A loop that spins burns about a whole second of CPU per second; an idle one next to nothing. */
    private static final long SPIN_CPU_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** @param backend the backend under test */
    protected AcceptOverloadConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void theConnectionCapClosesExtraConnectionsAndReportsThem() {
        Map<OverloadReason, AtomicInteger> reported = new ConcurrentHashMap<>();
        Reactor reactor = reactor(b -> b.maxConnections(2)
                .overloadListener((reason, detail) -> reported.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet()));
        Listener listener = listenOnLoopback(reactor, EchoHandler::new);
        try (BlockingClient first = BlockingClient.connect(listener.localAddress());
             BlockingClient second = BlockingClient.connect(listener.localAddress());
             BlockingClient third = BlockingClient.connect(listener.localAddress())) {
            assertThat(third.peerClosed()).as("the connection over the cap is closed").isTrue();
            assertThat(reactor.metrics().overloads(OverloadReason.MAX_CONNECTIONS)).isEqualTo(1);
            assertThat(reported.get(OverloadReason.MAX_CONNECTIONS)).hasValue(1);
            first.send("a");
            second.send("b");
            assertThat(first.readString(1)).isEqualTo("a");
            assertThat(second.readString(1)).isEqualTo("b");
        }
        Await.until("the capped connections to close", () -> reactor.metrics().openConnections() == 0);
        try (BlockingClient again = BlockingClient.connect(listener.localAddress())) {
            again.send("c");
            assertThat(again.readString(1)).as("a place under the cap is free again").isEqualTo("c");
        }
    }

    @Test
    void runningOutOfDescriptorsPausesAcceptWithoutSpinningAndResumes() throws Exception {
        long limit = Backends.openFileLimit();
        assumeTrue(limit > 0 && limit <= MAX_LIMIT_TO_EXHAUST, "exhausting an open-file limit of " + limit
                + " would take too long; run with ulimit -n " + MAX_LIMIT_TO_EXHAUST + " or less to test this");
        int clients = 4;
        Reactor reactor = reactor(b -> b.threads(1).acceptBackoff(Duration.ofMillis(10), Duration.ofMillis(200)));
        Listener listener = listenOnLoopback(reactor, EchoHandler::new);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long loopThread = loopThreadId();
        List<SocketChannel> pending = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            pending.add(SocketChannel.open()); // take the clients' descriptors while there are some
        }
        List<FileChannel> hogs = new ArrayList<>();
        try {
            exhaustDescriptors(hogs);
            for (SocketChannel client : pending) {
                // The kernel completes the handshake from the backlog; only accept() needs a descriptor.
                client.connect(listener.localAddress());
            }
            Await.until("an EMFILE overload", () -> reactor.metrics().overloads(OverloadReason.DESCRIPTORS_EXHAUSTED) > 0);
            long cpuBefore = threads.getThreadCpuTime(loopThread);
            Thread.sleep(1000);
            long cpuUsed = threads.getThreadCpuTime(loopThread) - cpuBefore;
            assertThat(cpuUsed).as("loop CPU time during one second of exhaustion (ns)").isLessThan(SPIN_CPU_BUDGET_NANOS);
            assertThat(reactor.metrics().acceptedConnections()).isZero();
        } finally {
            for (FileChannel hog : hogs) {
                hog.close();
            }
        }
        Await.until("accepting to resume", () -> reactor.metrics().acceptedConnections() == clients);
        for (SocketChannel client : pending) {
            client.close();
        }
    }

    private long loopThreadId() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tck-" + backend.alias() + "-loop-0"))
                .findFirst().orElseThrow(() -> new AssertionError("no loop thread found")).getId();
    }

    private static void exhaustDescriptors(List<FileChannel> hogs) {
        Path devNull = Path.of("/dev/null");
        while (true) {
            try {
                hogs.add(FileChannel.open(devNull, StandardOpenOption.READ));
            } catch (IOException e) {
                assertThat(e.getMessage()).contains("Too many open files");
                return;
            }
        }
    }
}
