package io.pollen.session;

import io.pollen.codec.json.JsonMessage;

/**
 * The application's side of a {@link SessionClient}. Callbacks run on the client's home loop thread
 * (whichever loop its connection is on), one at a time; they must not block.
 */
public interface ClientHandler {

    /**
     * The server welcomed this client (after {@code hello}); sends are possible from here on.
     *
     * @param client    the client
     * @param sessionId the id the server registered
     */
    default void onWelcome(SessionClient client, String sessionId) {
    }

    /**
     * A message arrived that is neither the {@code welcome}, nor a server {@code ping} (the client
     * answers those itself), nor the response of a pending request (those complete the request).
     *
     * @param client  the client
     * @param message the message
     */
    default void onMessage(SessionClient client, JsonMessage message) {
    }

    /**
     * The connection was lost or could not be made; a reconnect is scheduled unless the client was
     * closed.
     *
     * @param client the client
     * @param cause  why, or null for an orderly close by the server
     */
    default void onDisconnected(SessionClient client, Throwable cause) {
    }

    /**
     * A request whose connection broke was sent again on a new connection, with the same {@code seq}.
     *
     * @param client  the client
     * @param seq     the request's {@code seq}
     * @param attempt which attempt this is: 2 for the first retry
     */
    default void onRequestResent(SessionClient client, long seq, int attempt) {
    }
}
