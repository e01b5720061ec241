package io.pollen.reactor;

/**
 * The monotonic time source of an event loop's timers. The system clock in production; a manual
 * clock (from the reactor test kit) in tests that drive timeouts without sleeping.
 *
 * <p>Implementations must be safe from any thread.
 */
@FunctionalInterface
public interface Clock {

    /** @return monotonic nanoseconds, comparable only with other values of the same clock */
    long nanoTime();

    /** @return the clock backed by {@link System#nanoTime()} */
    static Clock system() {
        return System::nanoTime;
    }
}
