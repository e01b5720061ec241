/**
 * JSON messages over jackson-core's streaming API (no databind).
 *
 * <p>A frame's payload is exactly one JSON value; a message is an object with a string
 * {@code "type"}. {@link io.pollen.codec.json.JsonMessageParser} reads small payloads whole into a
 * compact, immutable {@link io.pollen.codec.json.JsonMessage}, and makes a
 * {@link io.pollen.codec.json.JsonStreamParser} per large payload, which feeds jackson's non-blocking
 * parser chunk by chunk and hands a {@link io.pollen.codec.json.JsonTokenListener} each chunk's raw
 * bytes, the tokens, the top-level {@code "type"} as soon as it is read (wherever it stands), and the
 * outcome. Both enforce {@link io.pollen.codec.json.JsonLimits}.
 *
 * <h2>Two kinds of rejection</h2>
 * {@link io.pollen.codec.json.BadJsonException} (checked): the payload is not valid JSON within the
 * limits; its {@link io.pollen.codec.json.JsonError} says how. {@link io.pollen.codec.json.BadMessageException}
 * (unchecked): valid JSON, but not a usable message, or a field a handler needs is missing or of the
 * wrong kind. Neither harms the stream: the peer gets {@code bad_json} or {@code bad_message} and the
 * connection stays open.
 *
 * <h2>Threading</h2>
 * Parsers made from one {@code JsonMessageParser} may run on any number of threads; each
 * {@code JsonStreamParser} is confined to the thread feeding it; messages are immutable.
 */
package io.pollen.codec.json;
