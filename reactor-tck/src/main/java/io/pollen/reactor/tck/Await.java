package io.pollen.reactor.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that another thread will make true. The timeout is a safety net against a
 * hung test, not a performance bound: it is generous on purpose.
 */
public final class Await {
    /** The default safety net. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, DEFAULT, () -> "");
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @param timeout   the safety net
     * @param state     describes the current state when the wait fails
     */
    public static void until(String what, BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + " " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
