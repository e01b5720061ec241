package io.pollen.reactor;

/**
 * Counters of a {@link Reactor}, for monitoring and tests. Safe from any thread; each value is read
 * without stopping the loops, so values read together may be a few events apart.
 */
public interface ReactorMetrics {

    /** @return connections currently open (accepted and connected) */
    long openConnections();

    /** @return connections accepted since start */
    long acceptedConnections();

    /** @return connections closed since start */
    long closedConnections();

    /**
     * @param reason an overload reason
     * @return how many times it happened since start
     */
    long overloads(OverloadReason reason);

    /** @return the sum of {@link #overloads(OverloadReason)} over every reason */
    long totalOverloads();

    /** @return writes refused with {@link WriteResult#REJECTED_FULL} */
    long rejectedWrites();

    /** @return bytes read from sockets */
    long bytesRead();

    /** @return bytes written to sockets */
    long bytesWritten();

    /** @return poller wake-ups actually signalled by task submissions (bursts are coalesced) */
    long wakeupsSignalled();

    /** @return tasks run on the loops */
    long tasksExecuted();

    /**
     * @param loop a loop index, from 0 to {@link Reactor#loopCount()} - 1
     * @return the number of tasks waiting in that loop's queue (approximate)
     */
    int taskQueueDepth(int loop);
}
