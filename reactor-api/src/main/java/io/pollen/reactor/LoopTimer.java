package io.pollen.reactor;

import java.util.concurrent.TimeUnit;

/**
 * A re-armable timer owned by one event loop, made for deadlines that are reset again and again (a
 * keep-alive per connection): arming, re-arming and cancelling are O(1) and allocate nothing.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Every method MUST be called on the owning loop's thread; the action runs there too.</li>
 *   <li>The action runs once per arming, no earlier than the deadline and normally within one
 *       timer tick after it ({@link ReactorBuilder#timerTick}).</li>
 *   <li>Timers whose deadlines fall in different ticks fire in deadline order; timers due in the
 *       same tick fire in the order they were armed.</li>
 *   <li>A cancelled timer never fires; re-arming an armed timer moves its deadline.</li>
 * </ul>
 */
public interface LoopTimer {

    /**
     * Arms the timer, replacing any earlier deadline.
     *
     * @param delay how long from now
     * @param unit  the unit of {@code delay}
     */
    void schedule(long delay, TimeUnit unit);

    /** Disarms the timer if armed; it will not fire until armed again. */
    void cancel();

    /** @return true if armed and not yet fired */
    boolean isScheduled();
}
