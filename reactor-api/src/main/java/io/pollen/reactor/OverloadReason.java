package io.pollen.reactor;

/**
 * Why a connection was turned away or accepting paused. Each reason has its own counter in
 * {@link ReactorMetrics#overloads(OverloadReason)}.
 */
public enum OverloadReason {
    /**
     * {@code accept} failed and the process could not open a descriptor either (EMFILE, ENFILE): the
     * process or the system is out of descriptors. Told by a probe, not by the error's message (which
     * follows the C library's locale). Accepting pauses with exponential back-off (never a busy loop)
     * and resumes by itself.
     */
    DESCRIPTORS_EXHAUSTED,
    /**
     * {@code accept} failed for one connection while descriptors were still available (ECONNABORTED:
     * the peer reset it in the backlog): that connection is skipped and accepting goes on. Repeated
     * failures within one readiness event pause accepting like {@link #DESCRIPTORS_EXHAUSTED}.
     */
    ACCEPT_FAILED,
    /** The reactor's connection cap ({@link ReactorBuilder#maxConnections(int)}) was reached; the new connection was closed. */
    MAX_CONNECTIONS,
    /**
     * The backend refused the connection's descriptor by design (select's {@code FD_SETSIZE}); the
     * connection was closed and every other one kept.
     */
    BACKEND_CAPACITY
}
