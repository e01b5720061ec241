package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.reactor.MessageHandler;
import io.pollen.reactor.Connection;
import io.pollen.reactor.LoopTimer;

import java.util.concurrent.TimeUnit;

/**
 * The client's side of one connection: sends {@code hello} on open, an empty keep-alive frame every
 * interval, recognises the {@code welcome}, and reports the loss. One instance per connection;
 * loop thread only.
 */
final class ClientProtocol implements MessageHandler {
    private final SessionClient client;
    private LoopTimer keepAlive;

    ClientProtocol(SessionClient client) {
        this.client = client;
    }

    @Override
    public void onOpen(Connection connection) {
        keepAlive = connection.loop().newTimer(() -> sendKeepAlive(connection));
        keepAlive.schedule(client.keepAliveInterval().toNanos(), TimeUnit.NANOSECONDS);
        client.opened(connection);
    }

    private void sendKeepAlive(Connection connection) {
        connection.write(SessionClient.keepAliveFrame());
        keepAlive.schedule(client.keepAliveInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onMessage(Connection connection, JsonMessage message) {
        if ("welcome".equals(message.type())) {
            client.welcomed(message.getString("session"));
        } else {
            client.handler().onMessage(client, message);
        }
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        if (keepAlive != null) {
            keepAlive.cancel();
        }
        client.lost(connection, cause);
    }
}
