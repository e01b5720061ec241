/**
 * The {@code nio} backend: a {@link io.pollen.reactor.spi.Poller} over the JDK's
 * {@link java.nio.channels.Selector}, with a guard against the selector's premature-return spin.
 */
package io.pollen.reactor.nio;
