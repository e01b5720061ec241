package io.pollen.session.rest;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

/**
 * The gateway's one {@link HttpHandler}: checks the bearer token, matches method and path to an
 * endpoint, reads and validates JSON bodies, and turns every refusal into a JSON error answer.
 *
 * <p>The token is checked before the path, so an unauthorised client learns nothing about which paths
 * exist. Every exchange gets exactly one complete answer and is then closed.
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
    private final JsonBodyValidator validator;
    private final int maxBodyLength;

    /**
     * @param authenticator decides who may ask
     * @param endpoints     what each endpoint does
     * @param validator     checks JSON bodies
     * @param maxBodyLength the longest JSON body accepted: the server's frame limit
     */
    RestRouter(BearerTokenAuthenticator authenticator, SessionEndpoints endpoints, JsonBodyValidator validator,
               int maxBodyLength) {
        this.authenticator = authenticator;
        this.endpoints = endpoints;
        this.validator = validator;
        this.maxBodyLength = maxBodyLength;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            RestResponse response;
            try {
                response = respond(exchange);
            } catch (RestRequestException e) {
                response = RestResponse.error(e.error(), e.getMessage());
            } catch (RuntimeException e) {
                // Last resort at the HTTP boundary: a handler that throws makes the JDK server drop the
                // connection without any answer, which a client cannot tell from a network fault.
                LOG.log(Level.WARNING, "REST " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + " failed", e);
                response = RestResponse.error(RestError.INTERNAL_ERROR, "the gateway failed on this request: "
                        + e + "; see the server log");
            }
            send(exchange, response);
        } catch (IOException e) {
            // The client went away mid-exchange: there is nobody left to answer.
            LOG.log(Level.DEBUG, "REST exchange with " + exchange.getRemoteAddress() + " broke off", e);
        } finally {
            exchange.close();
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
                    return POST.equals(method) ? endpoints.broadcast(readJson(exchange)) : methodNotAllowed(method, POST);
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
                return POST.equals(method) ? endpoints.send(id, readJson(exchange)) : methodNotAllowed(method, POST);
            }
        }
        throw new RestRequestException(RestError.NOT_FOUND, "nothing at " + target.rawPath() + "; the endpoints are "
                + "/health, /metrics, /nodes, /sessions, /sessions/{id}, /sessions/{id}/messages and /broadcast");
    }

    private byte[] readJson(HttpExchange exchange) throws RestRequestException, IOException {
        byte[] body = RequestBodyReader.read(exchange.getRequestHeaders().getFirst("Content-Length"),
                exchange.getRequestBody(), maxBodyLength);
        validator.validate(body);
        return body;
    }

    private static RestResponse methodNotAllowed(String method, String allow) {
        return RestResponse.error(RestError.METHOD_NOT_ALLOWED, method + " is not allowed here; use " + allow,
                Map.of("Allow", allow));
    }

    private static void send(HttpExchange exchange, RestResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        response.headers().forEach(headers::set);
        if (response.status() == RestError.TOO_LARGE.status()) {
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
