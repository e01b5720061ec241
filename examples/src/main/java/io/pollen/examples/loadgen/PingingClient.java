package io.pollen.examples.loadgen;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.Reactor;
import io.pollen.session.ClientHandler;
import io.pollen.session.SessionClient;

import java.net.InetSocketAddress;

/**
 * One load-generator client: its connection, and the one ping it may have in flight. A client pings
 * again only once the last ping was answered, so a slow server shows as fewer pings rather than as
 * a pile of queued ones; the send time lives in a field, not in a map keyed by sequence number,
 * because 19,000 of these share one heap.
 *
 * <h2>Threading</h2>
 * {@link #open} and {@link #pingIfIdle} run on the pacer thread only; the {@link ClientHandler}
 * callbacks on the connection's loop thread. The in-flight ping is handed over through
 * {@link #inFlightSeq}: the pacer writes {@link #sentAtNanos} before it, the loop reads it after.
 */
final class PingingClient implements ClientHandler {
    private static final long NONE = -1;

    private final LoadStats stats;
    /** Pacer thread only. */
    private SessionClient client;
    /** Pacer thread only. */
    private long lastSeq;
    private volatile boolean welcomed;
    private volatile long inFlightSeq = NONE;
    private volatile long sentAtNanos;

    /** @param stats the run's shared counters */
    PingingClient(LoadStats stats) {
        this.stats = stats;
    }

    /**
     * Starts connecting without waiting; no reconnects, so that every failure is counted once.
     *
     * @param reactor the reactor all clients share
     * @param server  the server
     * @param source  the local address to bind (port 0), or null
     */
    void open(Reactor reactor, InetSocketAddress server, InetSocketAddress source) {
        client = SessionClient.builder()
                .remote(server)
                .localAddress(source)
                .reactor(reactor)
                .reconnect(false)
                .handler(this)
                .build();
    }

    /**
     * Sends the next ping unless the client has no session yet or still waits for a pong.
     *
     * @param nowNanos the pacer's {@link System#nanoTime()}
     */
    void pingIfIdle(long nowNanos) {
        if (client == null || !welcomed || inFlightSeq != NONE) {
            return;
        }
        long seq = ++lastSeq;
        sentAtNanos = nowNanos;
        inFlightSeq = seq;
        if (client.send("{\"type\":\"ping\",\"seq\":" + seq + "}").isQueued()) {
            stats.pingSent();
        } else {
            inFlightSeq = NONE;
        }
    }

    /** Closes the connection, if one was started. Pacer thread only. */
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void onWelcome(SessionClient sessionClient, String sessionId) {
        welcomed = true;
        stats.welcomed();
    }

    @Override
    public void onMessage(SessionClient sessionClient, JsonMessage message) {
        if (!"pong".equals(message.type())) {
            return;
        }
        long receivedAt = System.nanoTime();
        long seq = message.getLong("seq", NONE);
        if (seq != NONE && seq == inFlightSeq) {
            long roundTrip = receivedAt - sentAtNanos;
            inFlightSeq = NONE;
            stats.pongReceived(roundTrip);
        } else {
            stats.pongReceived(-1);
        }
    }

    @Override
    public void onDisconnected(SessionClient sessionClient, Throwable cause) {
        boolean hadSession = welcomed;
        welcomed = false;
        inFlightSeq = NONE;
        stats.disconnected(hadSession);
    }
}
