package io.pollen.session.rest;

import io.pollen.session.SendResult;
import io.pollen.session.SessionRegistry;
import io.pollen.session.cluster.ClusterTimeoutException;
import io.pollen.session.cluster.ClusterUnavailableException;
import io.pollen.session.cluster.NodeInfo;
import io.pollen.session.cluster.RoutedPayloadTooLargeException;
import io.pollen.session.cluster.SessionCluster;
import io.pollen.session.cluster.SessionSnapshot;
import io.pollen.session.cluster.SessionSnapshotJson;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What each endpoint does once {@link RestRouter} has matched, authorised and (for POSTs) read and
 * validated the request: one method per endpoint, each returning the complete answer. Every session is
 * reached through the {@link SessionCluster}, so each endpoint answers for the whole cluster; a call that
 * gets no answer within the cluster timeout is 504, an unreachable routing layer is 503.
 *
 * <p>Safe from any thread: it holds no state of its own. A request thread waits for the cluster's answer
 * (at most the cluster timeout); no event loop ever does.
 */
final class SessionEndpoints {
    private static final System.Logger LOG = System.getLogger(SessionEndpoints.class.getName());
    private static final byte[] QUEUED = JsonBodies.write(json -> {
        json.writeStartObject();
        json.writeStringField("status", "queued");
        json.writeEndObject();
    });

    private final GatewayTarget target;
    private final SessionCluster cluster;
    private final int defaultPageLimit;
    private final int maxPageLimit;
    private final Duration clusterTimeout;

    /**
     * @param target           what the gateway serves
     * @param defaultPageLimit sessions per page without {@code limit}
     * @param maxPageLimit     the largest {@code limit} accepted
     * @param clusterTimeout   how long a request waits for the cluster's answer
     */
    SessionEndpoints(GatewayTarget target, int defaultPageLimit, int maxPageLimit, Duration clusterTimeout) {
        this.target = target;
        this.cluster = target.cluster();
        this.defaultPageLimit = defaultPageLimit;
        this.maxPageLimit = maxPageLimit;
        this.clusterTimeout = clusterTimeout;
    }

    /**
     * {@code GET /health}: sessions and nodes of the whole cluster. With the routing layer out of reach
     * the node is still up: it answers with its own sessions and says what it cannot see.
     *
     * @return the answer
     * @throws RestRequestException if the cluster does not answer in time
     */
    RestResponse health() throws RestRequestException {
        long sessions;
        int nodes;
        String unreachable = null;
        try {
            List<NodeInfo> live = await(cluster.nodes(), "the list of nodes");
            sessions = live.stream().mapToLong(NodeInfo::sessions).sum();
            nodes = live.size();
        } catch (RestRequestException e) {
            SessionRegistry local = target.localSessions();
            if (e.error() != RestError.CLUSTER_UNAVAILABLE || local == null) {
                throw e;
            }
            sessions = local.size();
            nodes = 1;
            unreachable = e.getMessage();
        }
        long total = sessions;
        int nodeCount = nodes;
        String clusterProblem = unreachable;
        return RestResponse.json(200, JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("status", "up");
            json.writeStringField("backend", target.backend());
            json.writeNumberField("sessions", total);
            json.writeNumberField("nodes", nodeCount);
            if (clusterProblem != null) {
                json.writeStringField("cluster", clusterProblem);
            }
            json.writeEndObject();
        }));
    }

    /**
     * {@code GET /nodes}: the live nodes with their session counts.
     *
     * @return the answer
     * @throws RestRequestException if the cluster cannot be asked
     */
    RestResponse nodes() throws RestRequestException {
        List<NodeInfo> nodes = await(cluster.nodes(), "the list of nodes");
        return RestResponse.json(200, JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("nodes");
            for (NodeInfo node : nodes) {
                json.writeStartObject();
                json.writeStringField("node", node.node());
                json.writeNumberField("pid", node.pid());
                json.writeNumberField("sessions", node.sessions());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }

    /**
     * {@code GET /sessions?limit=&after=}: a page of the whole cluster in id order; {@code next} (the
     * page's last id, to pass as {@code after}) is present only when the page is full, so more may follow.
     *
     * @param limitParameter the {@code limit} parameter, or null
     * @param after          the {@code after} parameter, or null
     * @return the page
     * @throws RestRequestException for a bad {@code limit}, or a cluster that does not answer
     */
    RestResponse list(String limitParameter, String after) throws RestRequestException {
        int limit = pageLimit(limitParameter);
        List<SessionSnapshot> page = await(cluster.page(after == null || after.isEmpty() ? null : after, limit),
                "a page of sessions");
        return RestResponse.json(200, JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("sessions");
            for (SessionSnapshot session : page) {
                SessionSnapshotJson.write(json, session);
            }
            json.writeEndArray();
            if (page.size() == limit) {
                json.writeStringField("next", page.get(page.size() - 1).id());
            }
            json.writeEndObject();
        }));
    }

    /**
     * {@code GET /sessions/{id}}.
     *
     * @param id the decoded session id
     * @return the session
     * @throws RestRequestException if no session has that id, or the cluster does not answer
     */
    RestResponse get(String id) throws RestRequestException {
        Optional<SessionSnapshot> session = await(cluster.find(id), "where session '" + id + "' is");
        if (session.isEmpty()) {
            throw unknownSession(id);
        }
        return RestResponse.json(200, JsonBodies.write(json -> SessionSnapshotJson.write(json, session.get())));
    }

    /**
     * {@code DELETE /sessions/{id}}: closes the session after its queued frames are sent.
     *
     * @param id the decoded session id
     * @return 204
     * @throws RestRequestException if no session has that id, or the cluster does not answer
     */
    RestResponse close(String id) throws RestRequestException {
        if (!await(cluster.close(id), "closing session '" + id + "'")) {
            throw unknownSession(id);
        }
        return RestResponse.noContent();
    }

    /**
     * {@code POST /sessions/{id}/messages}.
     *
     * <p>A spooled body's file is handed to the cluster's {@code sendFile}: on {@link SendResult#QUEUED} the
     * session closes (and so deletes) it once sent; on any other outcome it is closed here as soon as the
     * outcome is known, even if that is after this request gave up waiting.
     *
     * @param id   the decoded session id
     * @param body a validated JSON body, sent verbatim as one frame
     * @return 202 (queued for the client), or 503 if the session's queue is full
     * @throws RestRequestException for an unknown or closing session, a body over the frame limit, or a
     *                              cluster that does not answer
     */
    RestResponse send(String id, RequestBody body) throws RestRequestException {
        String what = "a message for session '" + id + "'";
        SendResult result = await(body.isSpooled() ? sendFile(id, body) : cluster.send(id, body.payload()), what);
        switch (result) {
            case QUEUED:
                return RestResponse.json(202, QUEUED);
            case REJECTED_FULL:
                // Retry-After: the queue drains as fast as the client reads, so a second is a fair guess.
                return RestResponse.error(RestError.QUEUE_FULL, "session '" + id + "' has too many "
                        + (body.isSpooled() ? "large messages" : "bytes") + " queued: its client reads too slowly. "
                        + "Retry later", Map.of("Retry-After", "1"));
            case TOO_LARGE:
                throw new RestRequestException(RestError.TOO_LARGE, "the message is " + body.length()
                        + " bytes, over the server's frame limit of " + target.maxFrameLength());
            case UNKNOWN_SESSION:
                throw unknownSession(id);
            case CLOSED:
                throw new RestRequestException(RestError.SESSION_CLOSED, "session '" + id
                        + "' is closing and takes no more messages");
            default:
                throw new IllegalStateException("unhandled send result " + result);
        }
    }

    /**
     * {@code POST /broadcast}.
     *
     * @param body a validated JSON body in memory (a broadcast is never spooled), sent verbatim as one
     *             frame to every open session of the cluster
     * @return 202 with the number of sessions it was queued for
     * @throws RestRequestException if the cluster does not answer
     */
    RestResponse broadcast(RequestBody body) throws RestRequestException {
        int queued = await(cluster.broadcast(body.payload()), "a broadcast");
        return RestResponse.json(202, JsonBodies.write(out -> {
            out.writeStartObject();
            out.writeNumberField("sessions", queued);
            out.writeEndObject();
        }));
    }

    /**
     * Hands the spool file over to the cluster, and closes it unless the cluster took it.
     */
    private CompletableFuture<SendResult> sendFile(String id, RequestBody body) {
        FileChannel file = body.handOver();
        CompletableFuture<SendResult> sending;
        try {
            sending = cluster.sendFile(id, file, 0, body.length());
        } catch (RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
        // Not in await: a request that stops waiting (504) must not close a file the cluster may take later.
        sending.whenComplete((result, failure) -> {
            if (result != SendResult.QUEUED) {
                closeQuietly(file);
            }
        });
        return sending;
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // The file is unlinked already (DELETE_ON_CLOSE); a failing close leaves nothing to clean up.
            LOG.log(System.Logger.Level.DEBUG, "closing a spool file failed", e);
        }
    }

    /** @return the answer to {@code GET /metrics} */
    RestResponse metrics() {
        return RestResponse.text(RestResponse.PROMETHEUS_TEXT, target.metricsText().get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits for the cluster's answer, turning its typed failures into the gateway's answers.
     *
     * @param answer the cluster's future
     * @param what   what was asked, for the message
     */
    private <T> T await(CompletableFuture<T> answer, String what) throws RestRequestException {
        try {
            return answer.get(clusterTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RestRequestException(RestError.NODE_TIMEOUT, "the cluster did not answer " + what + " within "
                    + clusterTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestRequestException(RestError.NODE_TIMEOUT, "the gateway stopped while waiting for " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ClusterTimeoutException) {
                throw new RestRequestException(RestError.NODE_TIMEOUT, cause.getMessage() + " (" + what + ")");
            }
            if (cause instanceof ClusterUnavailableException) {
                throw new RestRequestException(RestError.CLUSTER_UNAVAILABLE, cause.getMessage()
                        + "; sessions of other nodes are out of reach until it is back");
            }
            if (cause instanceof RoutedPayloadTooLargeException) {
                throw new RestRequestException(RestError.TOO_LARGE, cause.getMessage());
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the cluster failed on " + what, cause);
        }
    }

    private int pageLimit(String parameter) throws RestRequestException {
        if (parameter == null) {
            return defaultPageLimit;
        }
        try {
            int limit = Integer.parseInt(parameter);
            if (limit >= 1 && limit <= maxPageLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, like an out-of-range number.
        }
        throw new RestRequestException(RestError.BAD_REQUEST, "limit must be a whole number from 1 to "
                + maxPageLimit + ", got '" + parameter + "'; page through more with the 'next' cursor");
    }

    private static RestRequestException unknownSession(String id) {
        return new RestRequestException(RestError.UNKNOWN_SESSION, "no open session has the id '" + id + "'");
    }
}
