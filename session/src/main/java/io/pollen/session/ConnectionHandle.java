package io.pollen.session;

import io.pollen.codec.json.JsonMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One welcomed connection of a {@link SessionClient}, lent to a {@link ConnectionWork} block by
 * {@link SessionClient#withConnection}. Everything sent through it goes on that one connection, and
 * nothing is sent again on another one: when the connection breaks, the handle's methods throw
 * {@link ConnectionLostException} and the block as a whole is run again on a fresh handle.
 *
 * <h2>Threading</h2>
 * Safe from any thread, but meant for the thread running the block; {@link #request} blocks and so
 * must not be called on a loop thread.
 */
public final class ConnectionHandle {
    private final SessionClient client;
    private final ClientGeneration generation;
    private final int attempt;

    ConnectionHandle(SessionClient client, ClientGeneration generation, int attempt) {
        this.client = client;
        this.generation = generation;
        this.attempt = attempt;
    }

    /** @return which run of the block this is: 1 the first, 2 the first re-run, ... */
    public int attempt() {
        return attempt;
    }

    /** @return the id the server welcomed this connection with */
    public String sessionId() {
        return client.sessionId();
    }

    /**
     * Queues one frame on this handle's connection.
     *
     * @param json the payload, verbatim
     * @return {@link SendResult#QUEUED}, {@link SendResult#REJECTED_FULL} or {@link SendResult#TOO_LARGE}
     * @throws ConnectionLostException if the connection is gone
     */
    public SendResult send(String json) throws ConnectionLostException {
        ByteBuffer payload = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
        if (!generation.isLive()) {
            throw lost();
        }
        SendResult result = client.sendOn(generation.connection, payload);
        if (result == SendResult.CLOSED) {
            throw lost();
        }
        return result;
    }

    /**
     * Sends a request on this handle's connection and waits for its response (the first inbound
     * message carrying the {@code seq} the client adds to it), at most the client's request timeout.
     *
     * @param json a JSON object without a {@code seq} member
     * @return the response
     * @throws ConnectionLostException  if the connection broke before the response
     * @throws RequestFailedException   if the request failed otherwise (timed out, refused)
     * @throws InterruptedException     if the calling thread was interrupted while waiting
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     * @throws IllegalStateException    if called on a loop thread of the client's reactor
     */
    public JsonMessage request(String json)
            throws ConnectionLostException, RequestFailedException, InterruptedException {
        try {
            return client.await(client.submit(json, client.requestTimeout(), 0, generation));
        } catch (RequestFailedException e) {
            if (e.reason() == RequestFailedException.Reason.CONNECTION_LOST) {
                ConnectionLostException lost = lost();
                lost.initCause(e);
                throw lost;
            }
            throw e;
        }
    }

    private ConnectionLostException lost() {
        return new ConnectionLostException("the connection to " + client.remote() + " broke during attempt "
                + attempt + " of a block of work");
    }
}
