package io.pollen.session;

import io.pollen.codec.reactor.ErrorCode;
import io.pollen.reactor.ReactorMetrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one session server: striped adders, updated from every loop. */
final class ServerMetrics implements SessionMetrics {
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final RoundTripHistogram roundTrips = new RoundTripHistogram();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final Map<SessionState, AtomicInteger> states = new EnumMap<>(SessionState.class);
    private volatile ReactorMetrics reactor;

    ServerMetrics() {
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, new LongAdder());
        }
        for (SessionState state : SessionState.values()) {
            states.put(state, new AtomicInteger());
        }
    }

    void attach(ReactorMetrics reactorMetrics) {
        this.reactor = reactorMetrics;
    }

    void error(ErrorCode code) {
        errors.get(code).increment();
    }

    void stateChanged(SessionState from, SessionState to) {
        if (from != null) {
            states.get(from).decrementAndGet();
        }
        if (to != null) {
            states.get(to).incrementAndGet();
        }
    }

    @Override
    public int sessions(SessionState state) {
        return states.get(state).get();
    }

    @Override
    public long framesIn() {
        return framesIn.sum();
    }

    @Override
    public long framesOut() {
        return framesOut.sum();
    }

    @Override
    public long bytesIn() {
        return bytesIn.sum();
    }

    @Override
    public long bytesOut() {
        return bytesOut.sum();
    }

    @Override
    public long errors(ErrorCode code) {
        return errors.get(code).sum();
    }

    @Override
    public long timeouts() {
        return timeouts.sum();
    }

    @Override
    public RoundTripHistogram roundTrips() {
        return roundTrips;
    }

    @Override
    public ReactorMetrics reactor() {
        return reactor;
    }
}
