/**
 * The backend contract: what a readiness mechanism ({@code select}, {@code poll}, {@code epoll}, the
 * JDK's {@code Selector}) implements to run under Pollen's one event-loop engine.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li><b>token</b>: an {@code int} the engine assigns to each registration and gets back with each
 *       readiness report; backends never see connection objects.</li>
 *   <li><b>interest</b> and <b>ready ops</b>: {@link io.pollen.reactor.spi.Interest} bits.</li>
 *   <li><b>alias</b>: a backend's name, from {@link io.pollen.reactor.spi.BackendAliases}.</li>
 * </ul>
 *
 * <p>A {@link io.pollen.reactor.spi.Poller} belongs to one loop thread; only
 * {@link io.pollen.reactor.spi.Poller#wakeup()} may be called from elsewhere.
 */
package io.pollen.reactor.spi;
