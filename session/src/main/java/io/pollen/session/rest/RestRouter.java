package io.pollen.session.rest;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway's one {@link HttpHandler}: checks the bearer token, matches method and path to an
 * endpoint, reads and validates JSON bodies ({@link RequestBodyReader}), and turns every refusal into a
 * JSON error answer.
 *
 * <p>The token is checked before the path, so an unauthorised client learns nothing about which paths
 * exist. Every exchange gets exactly one complete answer and is then closed, except one whose body
 * stopped arriving in time: its connection is closed by then, and nobody is left to answer. Closing an
 * exchange makes the JDK server discard what is left of an unread body; that is cut off after the body
 * read timeout too, so no client holds a request thread for longer.
 *
 * <p>Called by the JDK server on the gateway's executor threads, concurrently; it holds no mutable
 * state.
 */
final class RestRouter implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(RestRouter.class.getName());

    private static final String GET = "GET";
    private static final String POST = "POST";
    private static final String DELETE = "DELETE";

    private final BearerTokenAuthenticator authenticator;
    private final SessionEndpoints endpoints;
    private final RequestBodyReader bodies;
    private final ReadWatchdog watchdog;
    private final long drainNanos;

    /**
     * @param authenticator decides who may ask
     * @param endpoints     what each endpoint does
     * @param bodies        reads and validates JSON bodies
     * @param watchdog      cuts off the discarding of an unread body
     * @param drainTimeout  how long that discarding may take: the body read timeout
     */
    RestRouter(BearerTokenAuthenticator authenticator, SessionEndpoints endpoints, RequestBodyReader bodies,
               ReadWatchdog watchdog, Duration drainTimeout) {
        this.authenticator = authenticator;
        this.endpoints = endpoints;
        this.bodies = bodies;
        this.watchdog = watchdog;
        this.drainNanos = drainTimeout.toNanos();
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            RestResponse response;
            boolean bodyLeftUnread = false;
            try {
                response = respond(exchange);
            } catch (RestRequestException e) {
                response = RestResponse.error(e.error(), e.getMessage(), e.error() == RestError.SPOOL_FULL
                        ? Map.of("Retry-After", "1") : Map.of());
                bodyLeftUnread = e.error() == RestError.TOO_LARGE || e.error() == RestError.SPOOL_FULL;
            } catch (RuntimeException e) {
                // Last resort at the HTTP boundary: a handler that throws makes the JDK server drop the
                // connection without any answer, which a client cannot tell from a network fault.
                LOG.log(Level.WARNING, "REST " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " failed", e);
                response = RestResponse.error(RestError.INTERNAL_ERROR, "the gateway failed on this request: "
                        + e + "; see the server log");
            }
            // Closing the answer makes the JDK server discard what is left of an unread body: bounded too.
            RestResponse answer = response;
            boolean unread = bodyLeftUnread;
            if (watchdog.run(() -> send(exchange, answer, unread), System.nanoTime() + drainNanos)) {
                LOG.log(Level.DEBUG, () -> "REST client " + exchange.getRemoteAddress() + " did not send the rest of "
                        + "an unread body in time; its connection was closed");
            }
        } catch (InterruptedIOException e) {
            LOG.log(Level.DEBUG, () -> "REST " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " from "
                    + exchange.getRemoteAddress() + " cut off: " + e.getMessage());
        } catch (IOException e) {
            // The client went away mid-exchange: there is nobody left to answer.
            LOG.log(Level.DEBUG, "REST exchange with " + exchange.getRemoteAddress() + " broke off", e);
        } finally {
            try {
                if (watchdog.run(exchange::close, System.nanoTime() + drainNanos)) {
                    LOG.log(Level.DEBUG, () -> "REST client " + exchange.getRemoteAddress() + " did not send the rest "
                            + "of an unread body in time; its connection was closed");
                }
            } catch (IOException e) {
                // HttpExchange.close declares no IOException; nothing is left to answer anyway.
                LOG.log(Level.DEBUG, "closing the REST exchange with " + exchange.getRemoteAddress() + " failed", e);
            }
        }
    }

    private RestResponse respond(HttpExchange exchange) throws RestRequestException, IOException {
        if (!authenticator.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return RestResponse.error(RestError.UNAUTHORIZED, "this gateway requires the header "
                    + "'Authorization: Bearer <token>' with its configured token",
                    Map.of("WWW-Authenticate", "Bearer realm=\"pollen\""));
        }
        RequestTarget target = RequestTarget.parse(exchange.getRequestURI());
        List<String> path = target.segments();
        String method = exchange.getRequestMethod();
        String resource = path.isEmpty() ? "" : path.get(0);
        if (path.size() == 1) {
            switch (resource) {
                case "health":
                    return GET.equals(method) ? endpoints.health() : methodNotAllowed(method, GET);
                case "metrics":
                    return GET.equals(method) ? endpoints.metrics() : methodNotAllowed(method, GET);
                case "nodes":
                    return GET.equals(method) ? endpoints.nodes() : methodNotAllowed(method, GET);
                case "sessions":
                    return GET.equals(method)
                            ? endpoints.list(target.query("limit"), target.query("after"))
                            : methodNotAllowed(method, GET);
                case "broadcast":
                    return POST.equals(method) ? broadcast(exchange) : methodNotAllowed(method, POST);
                default:
                    break;
            }
        } else if (resource.equals("sessions") && !path.get(1).isEmpty()) {
            String id = path.get(1);
            if (path.size() == 2) {
                switch (method) {
                    case GET:
                        return endpoints.get(id);
                    case DELETE:
                        return endpoints.close(id);
                    default:
                        return methodNotAllowed(method, GET + ", " + DELETE);
                }
            }
            if (path.size() == 3 && path.get(2).equals("messages")) {
                return POST.equals(method) ? send(exchange, id) : methodNotAllowed(method, POST);
            }
        }
        throw new RestRequestException(RestError.NOT_FOUND, "nothing at " + target.rawPath() + "; the endpoints are "
                + "/health, /metrics, /nodes, /sessions, /sessions/{id}, /sessions/{id}/messages and /broadcast");
    }

    private RestResponse send(HttpExchange exchange, String id) throws RestRequestException, IOException {
        try (RequestBody body = readJson(exchange, true)) {
            return endpoints.send(id, body);
        }
    }

    private RestResponse broadcast(HttpExchange exchange) throws RestRequestException, IOException {
        try (RequestBody body = readJson(exchange, false)) {
            return endpoints.broadcast(body);
        }
    }

    private RequestBody readJson(HttpExchange exchange, boolean spoolAllowed) throws RestRequestException, IOException {
        return bodies.read(exchange.getRequestHeaders().getFirst("Content-Length"), exchange.getRequestBody(),
                spoolAllowed);
    }

    private static RestResponse methodNotAllowed(String method, String allow) {
        return RestResponse.error(RestError.METHOD_NOT_ALLOWED, method + " is not allowed here; use " + allow,
                Map.of("Allow", allow));
    }

    private static void send(HttpExchange exchange, RestResponse response, boolean bodyLeftUnread) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        response.headers().forEach(headers::set);
        if (bodyLeftUnread) {
            // The rest of the body stays unread: the connection cannot carry another request.
            headers.set("Connection", "close");
        }
        byte[] body = response.body();
        // -1 tells the JDK server there is no body at all (204); 0 would mean chunked.
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
