package io.pollen.session;

import io.pollen.reactor.EventLoop;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: the n-th retry waits a random time between zero and
 * {@code min(max, base * 2^n)}, so that thousands of clients cut off by one server restart do not
 * come back in one synchronized wave. A successful connection resets it.
 *
 * <p>Confined to its owner loop (the client's home loop): every method checks that it runs there and
 * throws {@link IllegalStateException} otherwise. A client's connections may land on any loop of a
 * shared reactor, so the confinement is checked rather than assumed: an unsynchronized counter
 * touched from two loops would silently lose resets.
 */
final class ReconnectBackoff {
    private final EventLoop owner;
    private final long baseNanos;
    private final long maxNanos;
    private int attempts;

    ReconnectBackoff(EventLoop owner, Duration base, Duration max) {
        this.owner = owner;
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** @return the delay before the next attempt, in nanoseconds; counts the attempt */
    long nextDelayNanos() {
        requireOwner();
        long ceiling = attempts >= 62 ? maxNanos : Math.min(maxNanos, baseNanos << Math.min(attempts, 30));
        attempts++;
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    void reset() {
        requireOwner();
        attempts = 0;
    }

    /** @return attempts since the last reset */
    int attempts() {
        requireOwner();
        return attempts;
    }

    private void requireOwner() {
        if (!owner.inLoop()) {
            throw new IllegalStateException("a client's reconnect back-off is confined to its home loop, but "
                    + Thread.currentThread().getName() + " touched it");
        }
    }
}
