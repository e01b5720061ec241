package io.pollen.session.cluster;

import java.time.Duration;

/**
 * The node that holds a session did not answer a routed call in time (the REST gateway's 504). The
 * call may still take effect there: a send that timed out may yet be delivered, once.
 */
public class ClusterTimeoutException extends ClusterException {
    private static final long serialVersionUID = 1L;

    private final String node;

    /**
     * @param node    the node that was asked
     * @param timeout how long the caller waited
     */
    public ClusterTimeoutException(String node, Duration timeout) {
        super("node '" + node + "' did not answer within " + timeout.toMillis() + " ms", null);
        this.node = node;
    }

    /** @return the node that was asked */
    public String node() {
        return node;
    }
}
