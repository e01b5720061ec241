package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.reactor.MessageConnectionHandler;
import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.WriteResult;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of a session server: connects, claims its id with {@code hello}, sends an empty
 * keep-alive frame every interval, and reconnects with exponential back-off and jitter when the
 * connection is lost.
 *
 * <pre>{@code
 * SessionClient client = SessionClient.builder()
 *         .remote(new InetSocketAddress("127.0.0.1", 7000))
 *         .id("c-42")
 *         .handler(new ClientHandler() { ... })
 *         .build();
 * client.send("{\"type\":\"ping\",\"seq\":1}");
 * }</pre>
 *
 * <p>Many clients can share one {@link Reactor} (a load generator holds tens of thousands).
 * {@link #send}, {@link #isConnected()} and {@link #close()} are safe from any thread; the handler
 * runs on the connection's loop thread.
 */
public final class SessionClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionClient.class.getName());
    private static final byte[] KEEP_ALIVE = "0:,".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger HOME_LOOPS = new AtomicInteger();
    /**
     * Clients do not configure JSON limits, so they all share one (thread-safe) parser: a parser
     * owns a jackson factory of a few kilobytes, which would otherwise dominate a load generator's
     * memory per client.
     */
    private static final JsonMessageParser SHARED_PARSER = new JsonMessageParser();

    private final InetSocketAddress remote;
    private final InetSocketAddress localAddress;
    private final String id;
    private final Duration keepAliveInterval;
    private final boolean reconnect;
    private final long maxFrameLength;
    private final ClientHandler handler;
    private final Reactor reactor;
    private final boolean ownsReactor;
    private final EventLoop home;
    private final CodecConfig codec;
    private final JsonMessageParser parser;
    private final ReconnectBackoff backoff;
    private volatile Connection connection;
    private volatile String sessionId;
    private volatile boolean welcomed;
    private volatile boolean closed;

    /** Reads the concluded settings once: later changes to the builder do not affect this client. */
    SessionClient(SessionClientBuilder settings) {
        this.remote = settings.remote();
        this.localAddress = settings.localAddress();
        this.id = settings.id();
        this.keepAliveInterval = settings.keepAliveInterval();
        this.reconnect = settings.reconnect();
        this.maxFrameLength = settings.maxFrameLength();
        this.handler = settings.handler();
        this.ownsReactor = settings.reactor() == null;
        this.reactor = ownsReactor ? Reactor.builder().threads(1).build() : settings.reactor();
        this.home = reactor.loops().get(Math.floorMod(HOME_LOOPS.getAndIncrement(), reactor.loopCount()));
        this.codec = new CodecConfig().maxFrameLength(maxFrameLength).conclude();
        this.parser = SHARED_PARSER;
        this.backoff = new ReconnectBackoff(settings.reconnectBackoffBase(), settings.reconnectBackoffMax());
        connectNow();
    }

    /** @return a builder */
    public static SessionClientBuilder builder() {
        return new SessionClientBuilder();
    }

    /** @return true while connected and welcomed by the server */
    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen() && welcomed;
    }

    /** @return the id the server welcomed this client with, or null before the first welcome */
    public String sessionId() {
        return sessionId;
    }

    /** @return how many connection attempts failed since the last successful one */
    public int failedAttempts() {
        return backoff.attempts();
    }

    /**
     * Queues one frame.
     *
     * @param payload the payload, verbatim
     * @return what became of it ({@link SendResult#CLOSED} while disconnected)
     */
    public SendResult send(ByteBuffer payload) {
        if (payload.remaining() > maxFrameLength) {
            return SendResult.TOO_LARGE;
        }
        Connection c = connection;
        if (c == null) {
            return SendResult.CLOSED;
        }
        WriteResult result = c.write(NetstringEncoder.encode(payload));
        return result == WriteResult.QUEUED ? SendResult.QUEUED
                : result == WriteResult.REJECTED_FULL ? SendResult.REJECTED_FULL : SendResult.CLOSED;
    }

    /**
     * @param json the payload text
     * @return what became of it
     */
    public SendResult send(String json) {
        return send(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stops reconnecting and closes the connection (and the reactor, if the client made it). */
    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        if (ownsReactor) {
            reactor.close();
        }
    }

    // ---------------------------------------------------------------- connection life, loop threads

    private void connectNow() {
        if (closed) {
            return;
        }
        ClientProtocol protocol = new ClientProtocol(this);
        reactor.connect(remote, localAddress,
                        new MessageConnectionHandler(codec, parser, protocol))
                .whenComplete((c, failure) -> {
                    if (failure != null) {
                        handler.onDisconnected(this, failure);
                        scheduleReconnect();
                    }
                });
    }

    void scheduleReconnect() {
        if (closed || !reconnect) {
            return;
        }
        try {
            home.execute(() -> home.schedule(this::connectNow, backoff.nextDelayNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException reactorClosed) {
            LOG.log(Level.DEBUG, "not reconnecting to " + remote + ": the reactor is shut down");
        }
    }

    void opened(Connection c) {
        welcomed = false;
        connection = c;
        if (closed) {
            c.close();
            return;
        }
        send(id == null ? "{\"type\":\"hello\"}" : "{\"type\":\"hello\",\"id\":" + quote(id) + "}");
    }

    void welcomed(String welcomedId) {
        sessionId = welcomedId;
        welcomed = true;
        backoff.reset();
        handler.onWelcome(this, welcomedId);
    }

    void lost(Connection c, Throwable cause) {
        if (connection == c) {
            connection = null;
            welcomed = false;
        }
        handler.onDisconnected(this, cause);
        scheduleReconnect();
    }

    ClientHandler handler() {
        return handler;
    }

    Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    static ByteBuffer keepAliveFrame() {
        return ByteBuffer.wrap(KEEP_ALIVE);
    }

    InetSocketAddress remote() {
        return remote;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
