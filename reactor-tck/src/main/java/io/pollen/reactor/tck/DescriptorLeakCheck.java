package io.pollen.reactor.tck;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;

/**
 * Fails a test class that leaves more descriptors open than it found: counts {@code /proc/self/fd}
 * before the class and after it. The JDK closes some socket descriptors lazily (a channel closed
 * while registered with a selector is released at that selector's next wait), so the check waits
 * a little for the count to settle before failing.
 */
public final class DescriptorLeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DescriptorLeakCheck.class);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @Override
    public void beforeAll(ExtensionContext context) {
        JdkDescriptorWarmUp.ensureDone();
        context.getStore(NAMESPACE).put(context.getUniqueId(), new Baseline(OpenDescriptors.count(), OpenDescriptors.describe()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Baseline before = context.getStore(NAMESPACE).get(context.getUniqueId(), Baseline.class);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long after = OpenDescriptors.count();
        while (after > before.count() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
            after = OpenDescriptors.count();
        }
        if (after > before.count()) {
            List<String> now = OpenDescriptors.describe();
            now.removeAll(before.listing());
            throw new AssertionError(context.getDisplayName() + " leaked " + (after - before.count())
                    + " descriptors (" + before.count() + " before, " + after + " after); new ones: " + now);
        }
    }

    private record Baseline(long count, List<String> listing) {
    }
}
