/**
 * Pollen's wire codec: NetString frames carrying one UTF-8 JSON message each.
 *
 * <p>The layers, each usable alone:
 * <ul>
 *   <li>{@link io.pollen.codec.netstring}: framing, bytes in and frames out;</li>
 *   <li>{@link io.pollen.codec.json}: JSON messages, small ones whole and large ones as a token
 *       stream;</li>
 *   <li>{@link io.pollen.codec.reactor}: the two joined into a reactor
 *       {@code ConnectionHandler}, with the protocol's error replies.</li>
 * </ul>
 * {@link io.pollen.codec.CodecConfig} gathers the settings of all three.
 *
 * <h2>Memory</h2>
 * Between frames a connection's codec holds no buffer. A partial frame up to the large-message threshold
 * is held at its exact length; a larger one is parsed as it arrives and never held, so a 100 MB message
 * passes through a 64 MB heap.
 */
package io.pollen.codec;
