package io.pollen.session.cluster;

/**
 * A message for a session on another node is longer than the routing layer carries (the REST
 * gateway's 413). The same message to a session of this node is not refused.
 */
public class RoutedPayloadTooLargeException extends ClusterException {
    private static final long serialVersionUID = 1L;

    /**
     * @param node   the node that holds the session
     * @param length the message's length in bytes
     * @param limit  the longest message the routing layer carries
     */
    public RoutedPayloadTooLargeException(String node, long length, long limit) {
        super("the session is on node '" + node + "' and messages routed to another node may be at most "
                + limit + " bytes; this one is " + length, null);
    }
}
