/**
 * The one event-loop engine that drives any {@link io.pollen.reactor.spi.Poller}: loops, connections,
 * accept, write queues and shutdown.
 *
 * <p>Internal: applications use it through {@link io.pollen.reactor.Reactor}; only
 * {@link io.pollen.reactor.engine.EventLoopReactor} is public, for the builder.
 */
package io.pollen.reactor.engine;
