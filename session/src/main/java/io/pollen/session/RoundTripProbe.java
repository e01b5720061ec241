package io.pollen.session;

import io.pollen.reactor.Clock;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.LoopTimer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pings one session every interval and measures the round trip when the matching {@code pong}
 * returns. Only the latest ping is outstanding; a late pong for an older one is ignored. Loop
 * thread only.
 */
final class RoundTripProbe {
    private final ServerSession session;
    private final Clock clock;
    private final LoopTimer timer;
    private final long intervalNanos;
    private long seq;
    private long sentAt;

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
            session.roundTrip(clock.nanoTime() - sentAt);
            sentAt = 0;
        }
    }

    private void ping() {
        seq++;
        sentAt = clock.nanoTime();
        session.send(ProtocolMessages.ping(seq));
        timer.schedule(intervalNanos, TimeUnit.NANOSECONDS);
    }
}
