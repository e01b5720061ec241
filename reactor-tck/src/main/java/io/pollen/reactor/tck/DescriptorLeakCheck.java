package io.pollen.reactor.tck;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;

/**
 * Fails a test class that leaves more descriptors open than it found: counts {@code /proc/self/fd}
 * before the class and after it. Every area of the {@link ReactorTestKit} and the
 * {@link PollerTestKit} carries it, through {@link ConformanceTest} and {@link PollerConformanceTest}.
 *
 * <p>The JDK closes some socket descriptors lazily (a channel closed while registered with a
 * selector is released at that selector's next wait, or by a cleaner after garbage collection), so
 * the check waits up to {@value #SETTLE_SECONDS} seconds, collecting garbage, for the count to come
 * back before failing.
 */
public final class DescriptorLeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DescriptorLeakCheck.class);
    private static final long SETTLE_SECONDS = 5;
    private static final Duration GC_INTERVAL = Duration.ofMillis(50);

    @Override
    public void beforeAll(ExtensionContext context) {
        JdkDescriptorWarmUp.ensureDone();
        context.getStore(NAMESPACE).put(context.getUniqueId(), Baseline.take());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Baseline before = context.getStore(NAMESPACE).get(context.getUniqueId(), Baseline.class);
        before.assertNothingLeaked(context.getDisplayName(), Duration.ofSeconds(SETTLE_SECONDS));
    }

    /**
     * The descriptors open at one moment.
     *
     * @param count   how many
     * @param listing each with its target
     */
    record Baseline(long count, List<String> listing) {
        static Baseline take() {
            return new Baseline(OpenDescriptors.count(), OpenDescriptors.describe());
        }

        /**
         * @param what   what ran since the baseline, for the failure message
         * @param settle how long lazily closed descriptors may take to go
         * @throws AssertionError naming the descriptors opened since and still open
         */
        void assertNothingLeaked(String what, Duration settle) {
            try {
                Await.until("the descriptors " + what + " opened to be closed", () -> {
                    if (OpenDescriptors.count() <= count) {
                        return true;
                    }
                    System.gc();
                    return false;
                }, settle, GC_INTERVAL, () -> "");
            } catch (AssertionError stillOpen) {
                long after = OpenDescriptors.count();
                List<String> now = OpenDescriptors.describe();
                now.removeAll(listing);
                throw new AssertionError(what + " leaked " + (after - count) + " descriptors (" + count
                        + " before, " + after + " after); new ones: " + now);
            }
        }
    }
}
