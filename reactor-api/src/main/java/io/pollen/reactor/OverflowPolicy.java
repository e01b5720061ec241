package io.pollen.reactor;

/**
 * What happens when a write would take a connection's pending bytes past its hard cap
 * ({@link ReactorBuilder#maxPendingWriteBytes(long)}).
 */
public enum OverflowPolicy {
    /** Refuse that write with {@link WriteResult#REJECTED_FULL}; the connection stays open. */
    REJECT_WRITE,
    /** Close the slow consumer, dropping what it had queued; the write returns {@link WriteResult#CLOSED}. */
    CLOSE_CONNECTION
}
