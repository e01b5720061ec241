package io.pollen.reactor;

import java.io.IOException;

/**
 * The cause reported to {@link ConnectionHandler#onClose} when a write would have passed the
 * connection's hard cap under {@link OverflowPolicy#CLOSE_CONNECTION}: the peer is not reading fast
 * enough. Raise {@link ReactorBuilder#maxPendingWriteBytes(long)} or watch writability.
 */
public class WriteOverflowException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param pending bytes already queued
     * @param attempted bytes of the refused write
     * @param cap     the hard cap
     */
    public WriteOverflowException(long pending, long attempted, long cap) {
        super("slow consumer: " + pending + " bytes queued plus a write of " + attempted
                + " would pass the cap of " + cap + " bytes; the connection was closed "
                + "(raise maxPendingWriteBytes or pace writes by writability)");
    }
}
