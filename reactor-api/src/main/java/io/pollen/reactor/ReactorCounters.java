package io.pollen.reactor;


import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reactor's counters: striped adders, so loops update them without contending.
 */
final class ReactorCounters implements ReactorMetrics {
    final LongAdder open = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder closed = new LongAdder();
    final LongAdder rejectedWrites = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder wakeups = new LongAdder();
    final LongAdder tasks = new LongAdder();
    private final Map<OverloadReason, LongAdder> overloads = new EnumMap<>(OverloadReason.class);
    private List<PollerEventLoop> loops = List.of();

    ReactorCounters() {
        for (OverloadReason reason : OverloadReason.values()) {
            overloads.put(reason, new LongAdder());
        }
    }

    void attach(List<PollerEventLoop> loops) {
        this.loops = loops;
    }

    void overload(OverloadReason reason) {
        overloads.get(reason).increment();
    }

    @Override
    public long openConnections() {
        return open.sum();
    }

    @Override
    public long acceptedConnections() {
        return accepted.sum();
    }

    @Override
    public long closedConnections() {
        return closed.sum();
    }

    @Override
    public long overloads(OverloadReason reason) {
        return overloads.get(reason).sum();
    }

    @Override
    public long totalOverloads() {
        long sum = 0;
        for (LongAdder adder : overloads.values()) {
            sum += adder.sum();
        }
        return sum;
    }

    @Override
    public long rejectedWrites() {
        return rejectedWrites.sum();
    }

    @Override
    public long bytesRead() {
        return bytesRead.sum();
    }

    @Override
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    @Override
    public long wakeupsSignalled() {
        return wakeups.sum();
    }

    @Override
    public long tasksExecuted() {
        return tasks.sum();
    }

    @Override
    public int taskQueueDepth(int loop) {
        return loops.get(loop).taskQueueDepth();
    }
}
