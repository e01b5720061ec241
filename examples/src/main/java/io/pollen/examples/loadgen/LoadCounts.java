package io.pollen.examples.loadgen;

/**
 * The counters of a load run at one moment, in the order of the summary line; what a child process
 * hands its parent, and what the parent adds up.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param connected  clients holding a welcomed session
 * @param failed     clients whose connection could not be made, or was lost
 * @param pings      pings sent
 * @param pongs      pongs received
 * @param reconnects sessions won back
 * @param retried    pings sent again on a new connection
 * @param lost       pings that will never get a pong
 */
record LoadCounts(long connected, long failed, long pings, long pongs, long reconnects, long retried, long lost) {
    /** Nothing counted yet. */
    static final LoadCounts ZERO = new LoadCounts(0, 0, 0, 0, 0, 0, 0);

    /**
     * @param other the counts of another part of the same run (another process)
     * @return both together
     */
    LoadCounts plus(LoadCounts other) {
        return new LoadCounts(connected + other.connected, failed + other.failed, pings + other.pings,
                pongs + other.pongs, reconnects + other.reconnects, retried + other.retried, lost + other.lost);
    }
}
