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
 * <h2>Sequential sessions</h2>
 * Instead of callbacks, the application may be straight-line code per session,
 * {@link io.pollen.session.SequentialSessionHandler}, set with
 * {@link io.pollen.session.SessionServerBuilder#sequential}: {@code receive()} a message, {@code send()} a
 * reply, return to close. Each session runs on its own thread: a virtual thread on Java 21+ (found at
 * run time; this library is Java 17 bytecode), or one from
 * {@link io.pollen.session.SessionServerBuilder#sessionThreads} (required before Java 21, where a
 * sequential server without it is refused with {@link io.pollen.session.VirtualThreadsUnavailableException};
 * platform threads cost a reserved stack, about 1 MiB, and a kernel thread per client). The reactor
 * stays underneath: the loop thread decodes and hands messages over a bounded inbox
 * ({@link io.pollen.session.SessionServerBuilder#inboxCapacity}); while it is full the connection's
 * reads are paused, so a slow handler pushes back on its client over TCP, and a {@code send} waits
 * while the client reads too slowly. {@code receive()} returns null when the session has ended; an
 * exception from the handler closes that session only. Large messages stream on the loop thread to
 * the listener of {@link io.pollen.session.SequentialSessionHandler#onLargeMessage}.
 * See {@link io.pollen.session.SequentialSession} for the exact guarantees.
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
