/**
 * Pollen's public reactor API: {@link io.pollen.reactor.Reactor} (built by
 * {@link io.pollen.reactor.ReactorBuilder}), {@link io.pollen.reactor.Connection},
 * {@link io.pollen.reactor.ConnectionHandler}, event loops and their timers, and backend discovery.
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
