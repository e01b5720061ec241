package io.pollen.session.cluster;

/**
 * A cluster call that got no answer: the base of the exceptions a {@link SessionCluster} future may
 * complete with. Unchecked, because it travels inside futures. Immutable once thrown.
 */
public class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why, for a log or an HTTP answer
     * @param cause   the underlying failure, or null
     */
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
