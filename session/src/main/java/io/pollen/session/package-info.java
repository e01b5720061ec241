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
 */
package io.pollen.session;
