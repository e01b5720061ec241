package io.pollen.reactor;

/**
 * Why a connection was turned away or accepting paused. Each reason has its own counter in
 * {@link ReactorMetrics#overloads(OverloadReason)}.
 */
public enum OverloadReason {
    /**
     * {@code accept} failed with EMFILE or ENFILE: the process or the system is out of descriptors.
     * Accepting pauses with exponential back-off (never a busy loop) and resumes by itself.
     */
    DESCRIPTORS_EXHAUSTED,
    /** {@code accept} failed for another reason; handled like {@link #DESCRIPTORS_EXHAUSTED}. */
    ACCEPT_FAILED,
    /** The reactor's connection cap ({@link ReactorBuilder#maxConnections(int)}) was reached; the new connection was closed. */
    MAX_CONNECTIONS,
    /**
     * The backend refused the connection's descriptor by design (select's {@code FD_SETSIZE}); the
     * connection was closed and every other one kept.
     */
    BACKEND_CAPACITY
}
