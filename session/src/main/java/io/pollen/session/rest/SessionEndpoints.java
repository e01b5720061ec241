package io.pollen.session.rest;

import io.pollen.session.SendResult;
import io.pollen.session.Session;
import io.pollen.session.SessionRegistry;
import io.pollen.session.SessionServer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each endpoint does once {@link RestRouter} has matched, authorised and (for POSTs) read and
 * validated the request: one method per endpoint, each returning the complete answer.
 *
 * <p>Safe from any thread: it holds no state of its own, and every call it makes on the server is safe
 * from any thread and never waits for a loop.
 */
final class SessionEndpoints {
    private static final byte[] QUEUED = JsonBodies.write(json -> {
        json.writeStartObject();
        json.writeStringField("status", "queued");
        json.writeEndObject();
    });

    private final SessionServer server;
    private final SessionRegistry registry;
    private final int defaultPageLimit;
    private final int maxPageLimit;

    /**
     * @param server           the server whose sessions are exposed
     * @param defaultPageLimit sessions per page without {@code limit}
     * @param maxPageLimit     the largest {@code limit} accepted
     */
    SessionEndpoints(SessionServer server, int defaultPageLimit, int maxPageLimit) {
        this.server = server;
        this.registry = server.registry();
        this.defaultPageLimit = defaultPageLimit;
        this.maxPageLimit = maxPageLimit;
    }

    /** @return the answer to {@code GET /health} */
    RestResponse health() {
        return RestResponse.json(200, JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeStringField("status", "up");
            json.writeStringField("backend", server.backend());
            json.writeNumberField("sessions", registry.size());
            json.writeEndObject();
        }));
    }

    /**
     * {@code GET /sessions?limit=&after=}: a page in id order; {@code next} (the page's last id, to pass
     * as {@code after}) is present only when the page is full, so more may follow.
     *
     * @param limitParameter the {@code limit} parameter, or null
     * @param after          the {@code after} parameter, or null
     * @return the page
     * @throws RestRequestException for a bad {@code limit}
     */
    RestResponse list(String limitParameter, String after) throws RestRequestException {
        int limit = pageLimit(limitParameter);
        List<Session> page = registry.page(after == null || after.isEmpty() ? null : after, limit);
        return RestResponse.json(200, JsonBodies.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("sessions");
            for (Session session : page) {
                SessionJson.write(json, session);
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
     * @throws RestRequestException if no session has that id
     */
    RestResponse get(String id) throws RestRequestException {
        Optional<Session> session = registry.find(id);
        if (session.isEmpty()) {
            throw unknownSession(id);
        }
        return RestResponse.json(200, JsonBodies.write(json -> SessionJson.write(json, session.get())));
    }

    /**
     * {@code DELETE /sessions/{id}}: closes the session after its queued frames are sent.
     *
     * @param id the decoded session id
     * @return 204
     * @throws RestRequestException if no session has that id
     */
    RestResponse close(String id) throws RestRequestException {
        if (!registry.close(id)) {
            throw unknownSession(id);
        }
        return RestResponse.noContent();
    }

    /**
     * {@code POST /sessions/{id}/messages}.
     *
     * @param id   the decoded session id
     * @param json a validated JSON body, sent verbatim as one frame
     * @return 202, or 503 if the session's queue is full
     * @throws RestRequestException for an unknown or closing session, or a body over the frame limit
     */
    RestResponse send(String id, byte[] json) throws RestRequestException {
        SendResult result = registry.send(id, ByteBuffer.wrap(json));
        switch (result) {
            case QUEUED:
                return RestResponse.json(202, QUEUED);
            case REJECTED_FULL:
                // Retry-After: the queue drains as fast as the client reads, so a second is a fair guess.
                return RestResponse.error(RestError.QUEUE_FULL, "session '" + id + "' has too many bytes queued: "
                        + "its client reads too slowly. Retry later", Map.of("Retry-After", "1"));
            case TOO_LARGE:
                throw new RestRequestException(RestError.TOO_LARGE, "the message is " + json.length
                        + " bytes, over the server's frame limit of " + server.maxFrameLength());
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
     * @param json a validated JSON body, sent verbatim as one frame to every open session
     * @return 202 with the number of sessions it was queued for
     */
    RestResponse broadcast(byte[] json) {
        int queued = registry.broadcast(ByteBuffer.wrap(json));
        return RestResponse.json(202, JsonBodies.write(out -> {
            out.writeStartObject();
            out.writeNumberField("sessions", queued);
            out.writeEndObject();
        }));
    }

    /** @return the answer to {@code GET /metrics} */
    RestResponse metrics() {
        String text = PrometheusMetricsWriter.write(server.metrics(), server.reactor().loopCount());
        return RestResponse.text(RestResponse.PROMETHEUS_TEXT, text.getBytes(StandardCharsets.UTF_8));
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
