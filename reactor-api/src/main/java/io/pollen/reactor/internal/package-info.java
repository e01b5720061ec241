/**
 * Not API. Support shared by Pollen's own backend modules ({@code pollen-reactor-select},
 * {@code -poll}, {@code -epoll}): loading their JNI libraries, deciding availability, the wake-up
 * descriptor, errno to {@link java.io.IOException}, and the argument checks every poller makes.
 *
 * <p>These classes are public only because the backends live in other jars; Java has no way to
 * share a class with a fixed set of other jars. Nothing here is covered by compatibility
 * guarantees: it may change in any release. Applications and third-party backends use
 * {@link io.pollen.reactor} and {@link io.pollen.reactor.spi} only.
 */
package io.pollen.reactor.internal;
