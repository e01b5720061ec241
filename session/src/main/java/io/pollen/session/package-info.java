/**
 * Sessions on top of the reactor and the NetString/JSON codec: ids claimed with {@code hello},
 * keep-alive health ({@link io.pollen.session.SessionState}), a registry reachable from any thread,
 * sends with explicit results, and the {@link io.pollen.session.SessionServer} that ties them
 * together.
 *
 * <h2>Threading</h2>
 * {@link io.pollen.session.Session}, {@link io.pollen.session.SessionRegistry} and
 * {@link io.pollen.session.SessionServer} are safe from any thread. {@link io.pollen.session.SessionHandler}
 * callbacks for one session never overlap and arrive in order: on its loop thread, or on the
 * application's executor.
 *
 * <h2>Configuration</h2>
 * {@link io.pollen.session.SessionServerBuilder}, {@link io.pollen.session.SessionClientBuilder},
 * {@link io.pollen.session.KeepAlivePolicy} and {@link io.pollen.session.rest.RestGatewayConfig} follow
 * Pollen's one convention: a same-name fluent setter and getter per setting, each default a
 * {@code DEFAULT_} constant beside its setter, setters that only store, and every check in one
 * {@code conclude()}, called by the terminal verb ({@code build()} of a builder) or by whatever a
 * configuration object is handed to. The session server holds the reactor's settings rather than
 * copying them: {@code SessionServer.builder().reactor(r -> r.backend("epoll").threads(4))}.
 */
package io.pollen.session;
