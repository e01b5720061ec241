package io.pollen.reactor;

/**
 * What became of a write: the caller always learns whether its bytes will be sent.
 */
public enum WriteResult {
    /** The bytes are queued (counted in {@link Connection#pendingWriteBytes()}) and will be sent in order. */
    QUEUED,
    /**
     * Nothing was queued: the connection's pending bytes would pass its hard cap and the policy is
     * {@link OverflowPolicy#REJECT_WRITE}; or, for a {@linkplain Connection#writeFile streamed write},
     * the connection has {@link ReactorBuilder#maxPendingStreams(int)} of them pending already, whatever
     * the policy. The connection stays open; retry after a writability event (or, for a streamed write,
     * once a pending one is sent).
     */
    REJECTED_FULL,
    /**
     * Nothing was queued: the connection is closed or closing (or the write overflowed the cap under
     * {@link OverflowPolicy#CLOSE_CONNECTION}, which closed it).
     */
    CLOSED;

    /** @return true if the bytes were queued */
    public boolean isQueued() {
        return this == QUEUED;
    }
}
