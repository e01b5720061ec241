/**
 * Timers for event loops: {@link io.pollen.reactor.timer.TimerWheel}, a hashed timing wheel with
 * allocation-free, O(1) re-arming, owned by one thread.
 *
 * <p>Public so that the reactor test kit can drive a wheel from a manual clock; applications use
 * timers through {@link io.pollen.reactor.EventLoop#newTimer}.
 */
package io.pollen.reactor.timer;
