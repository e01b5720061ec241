/**
 * The example server of DESIGN.md's example contract: a {@link io.pollen.session.SessionServer} whose
 * handler answers {@code echo} and {@code upload} (of any size, counted as it streams in), plus the
 * REST gateway, behind the {@code server} command.
 *
 * <h2>Threading</h2>
 * {@link io.pollen.examples.server.ExampleServer} is safe from any thread. The handler and the
 * listeners it makes run on the session's loop thread, one callback at a time per session, as
 * {@link io.pollen.session.SessionHandler} promises.
 */
package io.pollen.examples.server;
