package io.pollen.session;

import io.pollen.reactor.Clock;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.LoopTimer;

import java.util.concurrent.TimeUnit;

/**
 * Judges one session's health from its silence.
 *
 * <p>An inbound frame only stores its arrival time (one field write: no timer is touched, nothing
 * is allocated). The monitor's one timer fires once per interval at most: it measures the silence,
 * marks the session {@link SessionState#SUSPECT} after one interval and times it out after the
 * configured number, and otherwise re-arms for the moment the silence would reach the next interval.
 * So 50,000 sessions cost at most 50,000 timer firings per interval, none per keep-alive, and no
 * scan of all sessions ever happens.
 *
 * <p>Loop thread only.
 */
final class KeepAliveMonitor {
    private final ServerSession session;
    private final Clock clock;
    private final LoopTimer timer;
    private final long intervalNanos;
    private final long limitNanos;

    KeepAliveMonitor(ServerSession session, EventLoop loop, KeepAlivePolicy policy) {
        this.session = session;
        this.clock = loop.clock();
        this.timer = loop.newTimer(this::check);
        this.intervalNanos = policy.interval().toNanos();
        this.limitNanos = intervalNanos * policy.misses();
    }

    void start() {
        timer.schedule(intervalNanos, TimeUnit.NANOSECONDS);
    }

    void stop() {
        timer.cancel();
    }

    private void check() {
        long silence = clock.nanoTime() - session.lastSeenNanos();
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
