package io.pollen.session;

import io.pollen.codec.json.JsonMessage;

/**
 * The application's side of a {@link SessionClient}. Callbacks run on the client's loop thread, one
 * at a time; they must not block.
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
     * A message other than {@code welcome} arrived ({@code pong}s included, so that a load generator
     * can time them).
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
}
