package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.reactor.MessageHandler;
import io.pollen.reactor.Connection;
import io.pollen.reactor.LoopTimer;
import io.pollen.reactor.WriteResult;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of one connection: sends an empty keep-alive frame every interval, answers the
 * server's {@code ping} with a {@code pong} carrying the same {@code seq}, and hands everything else
 * (open, messages, loss) to its {@link SessionClient}'s home loop, which owns the client's state.
 *
 * <p>One instance per connection; runs on the connection's loop thread, which need not be the
 * client's home loop. Keep-alives and pongs are answered here, without the hop, so that the server's
 * round-trip measure does not include a queue between two loops.
 */
final class ClientProtocol implements MessageHandler {
    private static final System.Logger LOG = System.getLogger(ClientProtocol.class.getName());

    private final SessionClient client;
    private LoopTimer keepAlive;

    ClientProtocol(SessionClient client) {
        this.client = client;
    }

    @Override
    public void onOpen(Connection connection) {
        keepAlive = connection.loop().newTimer(() -> sendKeepAlive(connection));
        keepAlive.schedule(client.keepAliveInterval().toNanos(), TimeUnit.NANOSECONDS);
        client.onHome(() -> client.opened(connection));
    }

    private void sendKeepAlive(Connection connection) {
        WriteResult result = connection.write(SessionClient.keepAliveFrame());
        // REJECTED_FULL needs nothing: the frames already queued will count as signs of life once they
        // flow. CLOSED needs nothing: onClose follows and stops this timer.
        if (result != WriteResult.CLOSED) {
            keepAlive.schedule(client.keepAliveInterval().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onMessage(Connection connection, JsonMessage message) {
        if ("ping".equals(message.type())) {
            WriteResult result = connection.write(NetstringEncoder.encode(ProtocolMessages.pong(message)));
            if (result == WriteResult.REJECTED_FULL) {
                // The server then measures no round trip this time, which is the truth: the client is backed up.
                LOG.log(Level.DEBUG, "pong to " + client.remote() + " not queued: the write queue is full");
            }
            return;
        }
        client.onHome(() -> client.received(connection, message));
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        if (keepAlive != null) {
            keepAlive.cancel();
        }
        client.onHome(() -> client.lost(connection, cause));
    }
}
