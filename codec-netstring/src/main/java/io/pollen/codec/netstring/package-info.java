/**
 * NetString framing ({@code <decimal length>:<payload>,}), strict to D. J. Bernstein's format.
 *
 * <p>{@link io.pollen.codec.netstring.NetstringDecoder} turns bytes into frames for a
 * {@link io.pollen.codec.netstring.NetstringFrameListener}: small frames whole, large frames as a
 * start/chunk/end sequence so they are never held in memory.
 * {@link io.pollen.codec.netstring.NetstringEncoder} frames payloads for gathering writes without copying
 * them. A broken stream raises {@link io.pollen.codec.netstring.NetstringFramingException}, whose
 * {@link io.pollen.codec.netstring.FramingError} says which rule was broken.
 *
 * <p>Nothing here depends on the reactor or on JSON: the classes take bytes in and hand frames out, and
 * can be tested and reused without sockets. Decoders are per connection and single-threaded; the encoder
 * is stateless.
 */
package io.pollen.codec.netstring;
