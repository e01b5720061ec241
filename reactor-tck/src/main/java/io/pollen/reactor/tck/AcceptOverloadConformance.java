package io.pollen.reactor.tck;

import io.pollen.reactor.Listener;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turning connections away: the connection cap, and running out of descriptors.
 *
 * <p>Running out of descriptors is shown in a child JVM under {@code prlimit
 * --nofile=}{@value DescriptorExhaustion#OPEN_FILE_LIMIT}, so it runs on every backend whatever the
 * open-file limit of the build, and the test JVM keeps its own descriptors. Without prlimit
 * (util-linux) the test fails and says so. That nothing spins while exhausted is shown by counts,
 * not by CPU time (the CPU figure is measured by the JMH {@code DescriptorExhaustionBenchmark}).
 */
public abstract class AcceptOverloadConformance extends ConformanceTest {
    /**
     * Loop iterations allowed per failed accept: resuming, the failed accept, pausing and a few
     * early returns of a wait. A loop spinning through one back-off makes thousands.
     */
    private static final int MAX_LOOP_CLOCK_READS_PER_ATTEMPT = 50;

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
    void runningOutOfDescriptorsPausesAcceptWithoutSpinningAndResumes() {
        ChildJvm.Result child = ChildJvm.underOpenFileLimit(DescriptorExhaustion.OPEN_FILE_LIMIT)
                .run(DescriptorExhaustion.class, backend.alias());
        assertThat(child.exitCode()).as("%s", child).isZero();

        assertThat(child.finding("openFileLimit")).as("the child ran under prlimit's limit")
                .isEqualTo(Integer.toString(DescriptorExhaustion.OPEN_FILE_LIMIT));
        assertThat(child.finding("acceptedWhileExhausted")).as("accepted while no descriptor was free").isEqualTo("0");
        assertThat(child.finding("firstDetail")).as("what the overload listener is told")
                .contains("out of descriptors").contains("raise the open-file limit");
        assertThat(child.finding("otherOverloads")).as("overloads other than exhaustion").isEqualTo("[]");

        // No spin, by counts: attempts are at least one back-off apart (a timer never fires early),
        // and the loop iterates a bounded number of times between two of them.
        long gaps = Long.parseLong(child.finding("attemptGaps"));
        long clockReads = Long.parseLong(child.finding("loopClockReadsAcrossGaps"));
        assertThat(Long.parseLong(child.finding("shortestGapNanos"))).as("shortest time between two failed accepts (ns)")
                .isGreaterThanOrEqualTo(DescriptorExhaustion.BACKOFF_MIN.toNanos());
        assertThat(clockReads).as("loop clock reads across %d back-offs; %s", gaps, child)
                .isLessThanOrEqualTo(gaps * MAX_LOOP_CLOCK_READS_PER_ATTEMPT);

        assertThat(child.finding("acceptedAfterRelease")).as("accepted once descriptors were freed")
                .isEqualTo(Integer.toString(DescriptorExhaustion.CLIENTS));
        assertThat(child.finding("echoedAfterRelease")).as("served once accepted")
                .isEqualTo(Integer.toString(DescriptorExhaustion.CLIENTS));
    }
}
