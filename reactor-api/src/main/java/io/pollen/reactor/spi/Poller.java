package io.pollen.reactor.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * The one thing a backend implements: a level-triggered readiness multiplexer over non-blocking
 * JDK channels.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Registrations are identified by an {@code int} token that the caller chooses (the engine
 *       uses small, reused slot numbers). A token is registered at most once at a time.</li>
 *   <li>Level-triggered: a registration stays ready, and is reported by every {@link #poll}, for as
 *       long as its condition holds and its interest includes it.</li>
 *   <li>{@link #poll} reports each ready registration through the {@link ReadyHandler} and returns
 *       how many it reported; it allocates nothing per call.</li>
 *   <li>Failures name the system call and what to do, as typed exceptions; a registration the backend
 *       cannot hold at all (such as a descriptor beyond select's {@code FD_SETSIZE}) is refused with
 *       {@link PollerCapacityException}, leaving every other registration untouched.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method but {@link #wakeup()} MUST be called on the one thread that owns the poller (its event
 * loop). {@link #wakeup()} is safe from any thread, including while {@link #poll} blocks.
 */
public interface Poller extends AutoCloseable {

    /**
     * Starts watching a channel.
     *
     * @param channel  a non-blocking socket or server-socket channel
     * @param token    the caller's identifier for this registration, reported back by {@link #poll};
     *                 non-negative and small (backends index arrays by it), as the engine's reused
     *                 slot numbers are
     * @param interest {@link Interest} bits to watch; may be {@link Interest#NONE}
     * @throws PollerCapacityException if this backend cannot hold the registration
     * @throws IOException             if the system refuses the registration
     * @throws IllegalArgumentException if the token is negative or the interest has unknown bits
     */
    void register(SelectableChannel channel, int token, int interest) throws IOException;

    /**
     * Replaces the interest of a registration.
     *
     * @param token    a registered token
     * @param interest the new {@link Interest} bits
     * @throws IOException if the system refuses the change
     */
    void modify(int token, int interest) throws IOException;

    /**
     * Stops watching a registration. Call before closing its channel. Unknown tokens are ignored.
     *
     * @param token a token
     * @throws IOException if the system refuses the removal
     */
    void deregister(int token) throws IOException;

    /**
     * Waits for readiness and reports it.
     *
     * @param timeoutNanos how long to wait at most: negative waits until something is ready or
     *                     {@link #wakeup()} is called, zero does not wait
     * @param handler      receives each ready registration
     * @return the number of registrations reported
     * @throws IOException if waiting fails for a reason other than an interrupted system call
     */
    int poll(long timeoutNanos, ReadyHandler handler) throws IOException;

    /**
     * Makes the current or next {@link #poll} return promptly. Safe from any thread; cheap, but the
     * engine still coalesces calls so that a burst of submissions costs one wake-up.
     */
    void wakeup();

    /**
     * Releases the poller's own descriptors. Registered channels are not closed.
     */
    @Override
    void close();
}
