package io.pollen.reactor.tck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Poller contract's "allocates nothing per call", measured in bytes, not time: a child JVM
 * ({@link PollAllocation}) counts what its thread allocates across
 * {@value PollAllocation#MEASURED_ROUNDS} rounds of {@value PollAllocation#POLLS_PER_ROUND} polls,
 * each reporting a ready registration whose descriptor is numbered above 127, as on a busy server.
 *
 * <p><b>Tolerance.</b> Any object allocated per call costs at least 16 bytes, so a per-call
 * allocation shows as at least 16 bytes per poll. The assertion allows less than
 * {@value #TOLERATED_BYTES_PER_POLL} byte per poll on average: room for a one-off allocation (a
 * lazily created helper in the JDK), none for anything done per call.
 *
 * <p><b>The JDK's selector.</b> The JDK's {@code Selector} looks each ready descriptor up by its
 * boxed number, which allocates an {@link Integer} per ready key and wait for descriptors beyond the
 * {@link Integer} cache (127 by default). The child runs with {@value #INTEGER_CACHE_OPTION}, the
 * setting a server on a selector-based backend needs to allocate nothing per wait; it changes
 * nothing for the native backends.
 */
public abstract class PollerAllocationConformance extends PollerConformanceTest {
    /** Caches every descriptor number up to 65,535 as a boxed {@link Integer}. */
    static final String INTEGER_CACHE_OPTION = "-XX:AutoBoxCacheMax=65535";
    private static final int TOLERATED_BYTES_PER_POLL = 1;

    /** @param backend the backend under test */
    protected PollerAllocationConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void pollingAllocatesNothingPerCall() {
        ChildJvm.Result child = ChildJvm.plain().option(INTEGER_CACHE_OPTION).run(PollAllocation.class, backend.alias());
        assertThat(child.exitCode()).as("%s", child).isZero();

        long polls = Long.parseLong(child.finding("polls"));
        assertThat(Integer.parseInt(child.finding("lowestDescriptorOfThePair"))).as("descriptor numbers measured")
                .isGreaterThanOrEqualTo(PollAllocation.SMALL_DESCRIPTORS);
        assertThat(Long.parseLong(child.finding("reports"))).as("every poll reported the ready registration").isEqualTo(polls);
        assertThat(Long.parseLong(child.finding("allocatedBytes")))
                .as("bytes allocated by %d polls (tolerance: less than %d byte per poll)", polls, TOLERATED_BYTES_PER_POLL)
                .isLessThan(polls * TOLERATED_BYTES_PER_POLL);
    }
}
