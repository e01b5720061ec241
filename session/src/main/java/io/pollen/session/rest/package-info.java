/**
 * The REST gateway: other processes reach a {@link io.pollen.session.SessionServer}'s sessions over
 * HTTP/1.1 and JSON, through the JDK's built-in {@code com.sun.net.httpserver}, with no dependency
 * beyond jackson-core.
 *
 * <pre>{@code
 * RestGateway rest = RestGateway.start(server, new InetSocketAddress("127.0.0.1", 8080));
 * }</pre>
 *
 * <h2>Endpoints</h2>
 * <table>
 *   <caption>What the gateway answers</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /health}</td><td>200 {@code {"status":"up","backend":"epoll","sessions":N,"nodes":K}} (the whole cluster)</td></tr>
 *   <tr><td>{@code GET /sessions?limit=&after=}</td><td>200 a page of sessions in id order, with a
 *       {@code next} cursor when the page is full</td></tr>
 *   <tr><td>{@code GET /sessions/{id}}</td><td>200 the session, 404 unknown</td></tr>
 *   <tr><td>{@code POST /sessions/{id}/messages}</td><td>the JSON body delivered verbatim as one frame,
 *       wherever the session is connected: 202 queued for the client, 400 bad JSON (nothing delivered),
 *       404 unknown, 413 over the frame limit, 503 the session's queue or the gateway's spool is full
 *       (or the cluster is unreachable), 504 the node holding it did not answer in time</td></tr>
 *   <tr><td>{@code POST /broadcast}</td><td>202 {@code {"sessions":N}}; 413 over the frame limit or the
 *       spool threshold (broadcasts are sent from memory)</td></tr>
 *   <tr><td>{@code DELETE /sessions/{id}}</td><td>204, 404 unknown</td></tr>
 *   <tr><td>{@code GET /nodes}</td><td>200 {@code {"nodes":[{"node":"box1-4711","pid":4711,"sessions":N}]}},
 *       the live nodes in name order</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>200 the Prometheus text format, version 0.0.4</td></tr>
 * </table>
 * Every error answer is a JSON object {@code {"error":"<code>","message":"<what to do>"}}.
 *
 * <h2>Bodies</h2>
 * Request bodies are validated as they arrive and never held whole: up to
 * {@link io.pollen.session.rest.RestGatewayConfig#spoolThreshold(int)} in memory, beyond it in a
 * delete-on-close spool file that the session streams to its client and then closes. Every pause inside
 * a body is bounded by {@link io.pollen.session.rest.RestGatewayConfig#bodyReadTimeout(java.time.Duration)}.
 *
 * <h2>Threading, in one place</h2>
 * The JDK server accepts connections and reads request headers on its own dispatcher thread; requests
 * are answered on the gateway's small executor, never on the reactor's event loops. One watchdog thread
 * per gateway cuts off body reads past their deadline. Everything the
 * gateway calls on the session server (lookups, sends, broadcast, close, metrics) is safe from any
 * thread and does not block a loop.
 *
 * <h2>Security</h2>
 * The gateway binds loopback by default. Bound to any other address it refuses to start without a
 * bearer token, and then answers 401 to every request lacking {@code Authorization: Bearer <token>}.
 * It speaks plain HTTP: put a TLS-terminating proxy in front of it when the network is not trusted.
 */
package io.pollen.session.rest;
