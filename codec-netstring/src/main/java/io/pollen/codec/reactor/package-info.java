/**
 * The codec joined to the reactor: {@link io.pollen.codec.reactor.MessageConnectionHandler} decodes a
 * connection's NetString frames and JSON messages for an application's
 * {@link io.pollen.codec.reactor.MessageHandler}, and {@link io.pollen.codec.reactor.ErrorReply} builds the
 * protocol's {@code {"type":"error","code":...}} replies (codes in {@link io.pollen.codec.reactor.ErrorCode})
 * for this package and the session layer.
 *
 * <p>Callbacks run on the connection's loop thread; error replies can be built on any thread.
 */
package io.pollen.codec.reactor;
