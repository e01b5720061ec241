package io.pollen.session;

import io.pollen.reactor.Clock;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.LoopTimer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pings one session every interval and measures the round trip when the matching {@code pong}
 * returns. Only the latest ping is outstanding; a late pong for an older one is ignored. It keeps
 * the latest round trip itself, so that a session of a server that never pings holds no field for it.
 *
 * <p>Loop thread only, but for {@link #latestNanos()}, which any thread may read.
 */
final class RoundTripProbe {
    private final ServerSession session;
    private final Clock clock;
    private final LoopTimer timer;
    private final long intervalNanos;
    private long seq;
    private long sentAt;
    private volatile long latestNanos = -1;

    RoundTripProbe(ServerSession session, EventLoop loop, Duration interval) {
        this.session = session;
        this.clock = loop.clock();
        this.timer = loop.newTimer(this::ping);
        this.intervalNanos = interval.toNanos();
    }

    void start() {
        timer.schedule(intervalNanos, TimeUnit.NANOSECONDS);
    }

    void stop() {
        timer.cancel();
    }

    void onPong(long pongSeq) {
        if (pongSeq == seq && sentAt != 0) {
            long rtt = clock.nanoTime() - sentAt;
            sentAt = 0;
            latestNanos = rtt;
            session.roundTripMeasured(rtt);
        }
    }

    /** @return the latest measured round trip in nanoseconds, or -1 before the first; any thread */
    long latestNanos() {
        return latestNanos;
    }

    private void ping() {
        seq++;
        sentAt = clock.nanoTime();
        if (session.send(ProtocolMessages.ping(seq)) != SendResult.QUEUED) {
            // Not sent (the client is not reading, or the session is closing): nothing to time. The
            // next interval tries again; a session that is closing cancels this timer first.
            sentAt = 0;
        }
        timer.schedule(intervalNanos, TimeUnit.NANOSECONDS);
    }
}
