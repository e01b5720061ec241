/**
 * Testing support for applications built on Pollen: {@link io.pollen.reactor.testing.EmbeddedConnection}
 * runs a {@link io.pollen.reactor.ConnectionHandler} without sockets, and
 * {@link io.pollen.reactor.testing.ManualClock} with {@link io.pollen.reactor.testing.EmbeddedEventLoop}
 * drives its timers without sleeping. Take {@code io.pollen:reactor-tck} in test scope.
 *
 * <p>Everything here runs on the test's thread; see each class for what other threads may call.
 */
package io.pollen.reactor.testing;
