package io.pollen.examples.loadgen;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.Reactor;
import io.pollen.session.ClientHandler;
import io.pollen.session.RequestFailedException;
import io.pollen.session.SessionClient;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionException;

/**
 * One load-generator client: its connection, and the one ping it may have in flight, sent as a
 * retry-able request ({@link SessionClient#request(String)}: the client stamps its {@code seq}, and a
 * ping whose connection breaks is sent again after the reconnect, up to {@code --retries} times). A
 * client pings again only once the last ping was answered or given up, so a slow server shows as fewer
 * pings rather than as a pile of queued ones; the send time lives in a field, not in a map keyed by
 * sequence number, because 19,000 of these share one heap.
 *
 * <h2>Threading</h2>
 * {@link #open} and {@link #pingIfIdle} run on the pacer thread only; the {@link ClientHandler}
 * callbacks and the ping's completion on the client's home loop thread. The in-flight ping is handed
 * over through {@link #inFlight}: the pacer writes {@link #sentAtNanos} and {@link #resent} before it,
 * the loop reads them after it.
 */
final class PingingClient implements ClientHandler {
    private static final String PING = "{\"type\":\"ping\"}";

    private final LoadStats stats;
    private final int retries;
    /** Pacer thread only. */
    private SessionClient client;
    private volatile boolean welcomed;
    private volatile boolean inFlight;
    private volatile long sentAtNanos;
    /** Whether the ping in flight was sent again: its round trip then includes a reconnect, so it is not timed. */
    private volatile boolean resent;
    /** Home loop only: whether this client was ever welcomed, so that a later welcome is a reconnect. */
    private boolean everWelcomed;
    /** Home loop only: whether the current run of failures was counted, so that each counts once. */
    private boolean failureCounted;

    /**
     * @param stats   the run's shared counters
     * @param retries how many times a ping is sent again after a broken connection; above 0 the
     *                client also reconnects
     */
    PingingClient(LoadStats stats, int retries) {
        this.stats = stats;
        this.retries = retries;
    }

    /**
     * Starts connecting without waiting. Without retries the client never reconnects, so that every
     * failure is counted once, as a client that failed.
     *
     * @param reactor the reactor all clients share
     * @param server  the server
     * @param source  the local address to bind (port 0), or null
     * @param id      the id to claim with {@code hello}, or null for one the server assigns
     * @param token   the hello's token for that id, or null for none
     */
    void open(Reactor reactor, InetSocketAddress server, InetSocketAddress source, String id, String token) {
        client = SessionClient.builder()
                .remote(server)
                .localAddress(source)
                .id(id)
                .helloToken(token)
                .reactor(reactor)
                .reconnect(retries > 0)
                .requestRetries(retries)
                .handler(this)
                .build();
    }

    /**
     * Sends the next ping unless the client has no session yet or still waits for a pong.
     *
     * @param nowNanos the pacer's {@link System#nanoTime()}
     */
    void pingIfIdle(long nowNanos) {
        if (client == null || !welcomed || inFlight) {
            return;
        }
        sentAtNanos = nowNanos;
        resent = false;
        inFlight = true;
        stats.pingSent();
        client.request(PING).whenComplete((pong, failure) -> {
            if (failure == null) {
                stats.pongReceived(resent ? -1 : System.nanoTime() - sentAtNanos);
            } else if (!closedByTheRun(failure)) {
                stats.pingLost();
            }
            inFlight = false;
        });
    }

    /** The run's end closes every client: its pings in flight then are not lost, only unfinished. */
    private static boolean closedByTheRun(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof RequestFailedException e && e.reason() == RequestFailedException.Reason.CLIENT_CLOSED;
    }

    /** Closes the connection, if one was started. Pacer thread only. */
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void onWelcome(SessionClient sessionClient, String sessionId) {
        if (everWelcomed) {
            stats.reconnected();
        }
        everWelcomed = true;
        failureCounted = false;
        welcomed = true;
        stats.welcomed();
    }

    @Override
    public void onMessage(SessionClient sessionClient, JsonMessage message) {
        // Pongs complete their ping requests and never come here; the example server sends nothing else
        // unasked.
    }

    @Override
    public void onRequestResent(SessionClient sessionClient, long seq, int attempt) {
        resent = true;
        stats.pingRetried();
    }

    @Override
    public void onDisconnected(SessionClient sessionClient, Throwable cause) {
        boolean hadSession = welcomed;
        welcomed = false;
        // A session lost counts once, and so does a client that cannot connect, however often it tries.
        if (hadSession || !failureCounted) {
            stats.disconnected(hadSession);
            failureCounted = true;
        }
    }
}
