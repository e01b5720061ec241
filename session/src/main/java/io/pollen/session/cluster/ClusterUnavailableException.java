package io.pollen.session.cluster;

/**
 * The routing layer (Redis, for {@code pollen-cluster-redis}) cannot be reached, so sessions of other
 * nodes cannot be found or reached (the REST gateway's 503). Sessions of this node still can.
 */
public class ClusterUnavailableException extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be reached and why
     * @param cause   the client's failure, or null
     */
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
