package io.pollen.reactor.spi;

/**
 * Receives the readiness found by one {@link Poller#poll} call, one callback per ready registration.
 *
 * <p>Primitives only, so that a wait allocates nothing. Called on the loop thread, inside
 * {@link Poller#poll}; the handler may register, modify or deregister any token while being called,
 * and must tolerate a readiness report for a token it has just deregistered or reused (a spurious
 * report is harmless under level-triggered semantics: the next read or write simply finds nothing).
 */
@FunctionalInterface
public interface ReadyHandler {
    /**
     * One registration is ready.
     *
     * @param token     the token given at {@link Poller#register}
     * @param readyOps  {@link Interest} bits that are ready; errors and hang-ups are reported as every
     *                  bit the registration was interested in, so the next I/O call surfaces them
     */
    void onReady(int token, int readyOps);
}
