/**
 * Pollen's reactor: the public API, the one event-loop engine behind it, and in-memory test support.
 *
 * <h2>What is public, and why the engine shares this package</h2>
 * The public types are the API: {@link io.pollen.reactor.Reactor} (built by
 * {@link io.pollen.reactor.ReactorBuilder}), {@link io.pollen.reactor.Connection},
 * {@link io.pollen.reactor.ConnectionHandler}, event loops and their timers, backend discovery, and
 * the test doubles {@link io.pollen.reactor.EmbeddedConnection}, {@link io.pollen.reactor.EmbeddedEventLoop}
 * and {@link io.pollen.reactor.ManualClock}. Every other class here is the engine (loops, connections,
 * accept, write path, timer wheel) and is package-private. Java has no friend packages: the builder
 * must start the engine, and the test doubles must share its outbound path and timer wheel, so that
 * neither drifts from production. Keeping the engine in this package is what lets all of it stay
 * out of reach of applications, which can only get here through {@link io.pollen.reactor.ReactorBuilder#build()}
 * and its validation.
 *
 * <h2>Threading, in one place</h2>
 * <ul>
 *   <li>A connection is pinned to one {@link io.pollen.reactor.EventLoop}; its handler's callbacks
 *       run there, one at a time.</li>
 *   <li>{@link io.pollen.reactor.Connection} methods, {@link io.pollen.reactor.EventLoop#execute}
 *       and the {@link io.pollen.reactor.Reactor} methods are safe from any thread.</li>
 *   <li>{@link io.pollen.reactor.LoopTimer}s are created, armed and cancelled on their loop's
 *       thread only.</li>
 * </ul>
 */
package io.pollen.reactor;
