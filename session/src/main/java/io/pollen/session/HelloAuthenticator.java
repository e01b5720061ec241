package io.pollen.session;

import io.pollen.codec.json.JsonMessage;

import java.net.SocketAddress;

/**
 * Decides whether a client's {@code hello} is let through, before the session layer looks at the id it
 * claims. Plugged in with {@link SessionServerBuilder#helloAuthenticator(HelloAuthenticator)}:
 *
 * <pre>{@code
 * SessionServer.builder()
 *         .helloAuthenticator((claimedId, hello, remote) -> tokens.isValid(claimedId, hello.getString("token", null)))
 * }</pre>
 *
 * <p>A permitted hello then follows the claiming rules every server applies (docs/PROTOCOL.md): an id the
 * server assigns to connections is never given to a client ({@code id_taken}, the connection stays open);
 * any other id is taken, replacing the session that held it. A refused hello is answered
 * {@code {"type":"error","code":"unauthorized"}} and its connection is closed; the session keeps the id it
 * had until the close, and the application sees no {@link SessionHandler#onSessionIdentified}.
 *
 * <p>Only {@code hello} passes through here: a client that never sends one keeps its server-assigned id,
 * which no other client can take, so there is nothing to authenticate for it. An application that wants
 * every connection authenticated closes, in its handler, the sessions that never said a permitted hello.
 *
 * <h2>Threading</h2>
 * Called on the loop thread of the connection that sent the hello, one call per hello; several loops may
 * call one instance at once, so it must be thread-safe. It must not block: every connection on that loop
 * waits while it runs (look slow credentials up elsewhere and keep the answer in memory).
 */
@FunctionalInterface
public interface HelloAuthenticator {

    /** Lets every hello through: the default of {@link SessionServerBuilder#helloAuthenticator()}. */
    HelloAuthenticator PERMIT_ALL = (claimedId, hello, remoteAddress) -> true;

    /**
     * @param claimedId     the {@code "id"} the hello claims (1 to 256 non-blank characters), or null if it
     *                      claims none and the session keeps its server-assigned id
     * @param hello         the whole hello message, e.g. for a {@code "token"} member
     * @param remoteAddress the client's address, or null if the transport has none
     * @return true to go on with the hello, false to answer {@code unauthorized} and close the connection
     */
    boolean permits(String claimedId, JsonMessage hello, SocketAddress remoteAddress);
}
