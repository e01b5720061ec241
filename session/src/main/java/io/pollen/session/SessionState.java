package io.pollen.session;

/**
 * A session's health, as told by its keep-alives.
 *
 * <pre>
 *   HEALTHY --(one interval of silence)--> SUSPECT --(N intervals)--> DEAD (closed)
 *      ^                                      |
 *      +---------(any inbound frame)----------+
 * </pre>
 */
public enum SessionState {
    /** A frame arrived within the last keep-alive interval. */
    HEALTHY,
    /** Silent for at least one interval; still open. Any frame makes it healthy again. */
    SUSPECT,
    /** Silent for the configured number of intervals, or closed: final. */
    DEAD
}
