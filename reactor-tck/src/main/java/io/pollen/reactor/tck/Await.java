package io.pollen.reactor.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition that another thread will make true, checking it every few milliseconds.
 * The timeout is a safety net against a hung test, not a performance bound: it is generous on
 * purpose. The one place in the test kit that sleeps, and only between checks of a condition.
 * Safe from any thread.
 */
public final class Await {
    /** The default safety net. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(5);

    private Await() {
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @throws AssertionError if it does not hold within {@link #DEFAULT}
     */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, DEFAULT, () -> "");
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @param timeout   the safety net
     * @param state     describes the current state when the wait fails
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    public static void until(String what, BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        until(what, condition, timeout, CHECK_INTERVAL, state);
    }

    /**
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @param timeout   the safety net
     * @param interval  the pause between two checks, for conditions that are costly to check
     * @param state     describes the current state when the wait fails
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    static void until(String what, BooleanSupplier condition, Duration timeout, Duration interval, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + " " + state.get());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
