package io.pollen.session;

import io.pollen.reactor.LoopTimer;

import java.util.concurrent.TimeUnit;

/**
 * Judges sessions' health from their silence: one instance per server, shared by all its sessions,
 * so that a session pays for its keep-alive with one timer and one timestamp and nothing else.
 *
 * <p>An inbound frame only stores its arrival time in the session (one field write: no timer is
 * touched, nothing is allocated). A session's keep-alive timer fires once per interval at most and
 * calls {@link #check}: it measures the silence, marks the session {@link SessionState#SUSPECT} after
 * one interval and times it out after the configured number, and otherwise re-arms the timer for the
 * moment the silence would reach the next interval. So 50,000 sessions cost at most 50,000 timer
 * firings per interval, none per keep-alive, and no scan of all sessions ever happens.
 *
 * <p>Immutable; {@link #check} runs on the session's loop thread.
 */
final class KeepAliveMonitor {
    private final long intervalNanos;
    private final long limitNanos;

    /**
     * @param policy a concluded policy
     * @throws ArithmeticException if interval × misses does not fit in a long of nanoseconds (which
     *                             {@link KeepAlivePolicy#conclude()} already refuses)
     */
    KeepAliveMonitor(KeepAlivePolicy policy) {
        this.intervalNanos = policy.interval().toNanos();
        this.limitNanos = Math.multiplyExact(intervalNanos, (long) policy.misses());
    }

    /** @param timer a new session's keep-alive timer, armed for the first check */
    void start(LoopTimer timer) {
        timer.schedule(intervalNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The session's keep-alive timer fired: time it out, mark it suspect, or re-arm the timer.
     *
     * @param session the session
     * @param timer   its keep-alive timer
     * @param silence nanoseconds since its last sign of life
     */
    void check(ServerSession session, LoopTimer timer, long silence) {
        if (silence >= limitNanos) {
            session.timedOut(silence);
            return;
        }
        if (silence >= intervalNanos) {
            session.moveTo(SessionState.SUSPECT);
        }
        timer.schedule(intervalNanos - silence % intervalNanos, TimeUnit.NANOSECONDS);
    }
}
