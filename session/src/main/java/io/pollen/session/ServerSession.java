package io.pollen.session;

import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.reactor.ErrorCode;
import io.pollen.codec.reactor.ErrorReply;
import io.pollen.reactor.Connection;
import io.pollen.reactor.StreamProducer;
import io.pollen.reactor.LoopTimer;
import io.pollen.reactor.WriteResult;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A {@link Session} over one reactor connection.
 *
 * <p>Inbound state (last seen, frames and bytes in, health) is written only by the connection's
 * loop thread and published through volatile fields; outbound counters are added to from any
 * sending thread. An idle session holds its connection, its keep-alive timer and these fields: no
 * buffer, no helper object (an idle server holds tens of thousands of these, so every field counts:
 * docs/BENCHMARKS.md, "What a session holds").
 *
 * <p>Its keep-alive is judged by the server's one {@link KeepAliveMonitor}.
 */
final class ServerSession implements Session {
    private static final System.Logger LOG = System.getLogger(ServerSession.class.getName());
    private static final VarHandle FRAMES_OUT;
    private static final VarHandle BYTES_OUT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FRAMES_OUT = lookup.findVarHandle(ServerSession.class, "framesOut", long.class);
            BYTES_OUT = lookup.findVarHandle(ServerSession.class, "bytesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Connection connection;
    private final SessionContext context;
    /** Wall-clock opening time in microseconds since the epoch: a long, not an {@link Instant} object. */
    private final long openedAtMicros;
    private final Executor callbacks;
    private final RoundTripProbe probe;
    /** The keep-alive timer; null once the session closed (which is how a second close is recognised). */
    private LoopTimer keepAliveTimer;

    private volatile String id;
    private volatile SessionState state = SessionState.HEALTHY;
    private volatile long lastSeenNanos;
    private volatile long framesIn;
    private volatile long bytesIn;
    @SuppressWarnings("unused") // through FRAMES_OUT
    private volatile long framesOut;
    @SuppressWarnings("unused") // through BYTES_OUT
    private volatile long bytesOut;
    private volatile Map<String, Object> attributes;
    private Throwable closeReason;

    ServerSession(Connection connection, SessionContext context) {
        this.connection = connection;
        this.context = context;
        this.lastSeenNanos = connection.loop().clock().nanoTime();
        Instant now = Instant.now();
        this.openedAtMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        this.id = context.assignedIdPrefix + connection.id();
        this.callbacks = context.executor == null ? null : new SerialExecutor(context.executor);
        this.keepAliveTimer = connection.loop().newTimer(this::checkKeepAlive);
        this.probe = context.pingInterval == null ? null : new RoundTripProbe(this, connection.loop(), context.pingInterval);
    }

    // ---------------------------------------------------------------- Session, any thread

    @Override
    public String id() {
        return id;
    }

    @Override
    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public SessionState state() {
        return state;
    }

    @Override
    public Instant lastSeen() {
        // Wall clock now minus the monotonic time since the last frame: no second base field needed.
        return Instant.now().minusNanos(Math.max(0, nanoTime() - lastSeenNanos));
    }

    @Override
    public Instant openedAt() {
        return Instant.EPOCH.plus(openedAtMicros, ChronoUnit.MICROS);
    }

    @Override
    public SessionCounters counters() {
        return new SessionCounters(framesIn, (long) FRAMES_OUT.getVolatile(this), bytesIn, (long) BYTES_OUT.getVolatile(this));
    }

    @Override
    public Optional<Duration> roundTripTime() {
        long rtt = probe == null ? -1 : probe.latestNanos();
        return rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt));
    }

    @Override
    public SendResult send(ByteBuffer payload) {
        int length = payload.remaining();
        if (length > context.maxFrameLength) {
            return SendResult.TOO_LARGE;
        }
        return counted(connection.write(NetstringEncoder.encode(payload)), length);
    }

    @Override
    public SendResult sendFile(FileChannel file, long position, long length) {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("a file payload needs a position and a length of at least 0, got "
                    + position + " and " + length);
        }
        if (length > context.maxFrameLength) {
            return SendResult.TOO_LARGE;
        }
        return counted(connection.writeFile(NetstringEncoder.header(length), file, position, length,
                NetstringEncoder.trailer()), length);
    }

    @Override
    public SendResult sendStream(StreamProducer producer, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("a produced payload needs a length of at least 0, got " + length);
        }
        if (length > context.maxFrameLength) {
            return SendResult.TOO_LARGE;
        }
        return counted(connection.writeStream(NetstringEncoder.header(length), producer, length,
                NetstringEncoder.trailer()), length);
    }

    /** Counts a queued frame of {@code payloadLength} bytes out; says what became of the write. Any thread. */
    private SendResult counted(WriteResult result, long payloadLength) {
        switch (result) {
            case QUEUED:
                long frameBytes = NetstringEncoder.frameLength(payloadLength);
                FRAMES_OUT.getAndAdd(this, 1L);
                BYTES_OUT.getAndAdd(this, frameBytes);
                context.metrics.framesOut.increment();
                context.metrics.bytesOut.add(frameBytes);
                return SendResult.QUEUED;
            case REJECTED_FULL:
                return SendResult.REJECTED_FULL;
            default:
                return SendResult.CLOSED;
        }
    }

    @Override
    public SendResult send(String json) {
        return send(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Object attribute(String name) {
        Map<String, Object> map = attributes;
        return map == null ? null : map.get(name);
    }

    @Override
    public void attribute(String name, Object value) {
        Map<String, Object> map = attributes;
        if (map == null) {
            synchronized (this) {
                map = attributes;
                if (map == null) {
                    if (value == null) {
                        return;
                    }
                    map = new ConcurrentHashMap<>();
                    attributes = map;
                }
            }
        }
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> map = attributes;
        return map == null ? Map.of() : Map.copyOf(map);
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "Session[" + id + " " + state + " " + remoteAddress() + "]";
    }

    // ---------------------------------------------------------------- loop thread

    void start() {
        context.metrics.stateChanged(null, SessionState.HEALTHY);
        context.keepAliveMonitor.start(keepAliveTimer);
        if (probe != null) {
            probe.start();
        }
    }

    private long nanoTime() {
        return connection.loop().clock().nanoTime();
    }

    private void checkKeepAlive() {
        context.keepAliveMonitor.check(this, keepAliveTimer, nanoTime() - lastSeenNanos);
    }

    /** Any inbound frame: a sign of life. One field write and counters; no timer is touched. */
    void frameReceived(long frameBytes) {
        lastSeenNanos = nanoTime();
        framesIn++;
        bytesIn += frameBytes;
        context.metrics.framesIn.increment();
        context.metrics.bytesIn.add(frameBytes);
        if (state == SessionState.SUSPECT) {
            moveTo(SessionState.HEALTHY);
        }
    }

    /** Bytes of a large message are still arriving: alive, though no new frame began. */
    void touch() {
        lastSeenNanos = nanoTime();
        if (state == SessionState.SUSPECT) {
            moveTo(SessionState.HEALTHY);
        }
    }

    void moveTo(SessionState next) {
        SessionState previous = state;
        if (previous == next || previous == SessionState.DEAD) {
            return;
        }
        state = next;
        context.metrics.stateChanged(previous, next == SessionState.DEAD ? null : next);
        dispatch(() -> context.handler.onStateChanged(this, previous, next));
    }

    void timedOut(long silenceNanos) {
        closeReason = new SessionTimeoutException(id, Duration.ofNanos(silenceNanos), context.keepAlive);
        context.metrics.timeouts.increment();
        context.metrics.error(ErrorCode.TIMEOUT);
        WriteResult reply = connection.write(ErrorReply.frame(ErrorCode.TIMEOUT, null));
        if (reply != WriteResult.QUEUED) {
            // Best effort by contract: a silent client is often one that stopped reading too.
            LOG.log(System.Logger.Level.DEBUG, () -> "the timeout reply to " + this + " was not queued: " + reply);
        }
        moveTo(SessionState.DEAD);
        connection.close();
    }

    void replaced() {
        closeReason = new SessionReplacedException(id);
        connection.close();
    }

    void onPong(long seq) {
        if (probe != null) {
            probe.onPong(seq);
        }
    }

    void roundTripMeasured(long nanos) {
        context.metrics.roundTrips.record(nanos);
    }

    void assignId(String newId) {
        this.id = newId;
    }

    /** The connection closed: stop the timers, leave the table, tell the application. */
    void closed(Throwable cause) {
        LoopTimer timer = keepAliveTimer;
        if (timer == null) {
            return;
        }
        keepAliveTimer = null;
        timer.cancel();
        if (probe != null) {
            probe.stop();
        }
        context.sessions.remove(this);
        moveTo(SessionState.DEAD);
        Throwable reason = cause != null ? cause : closeReason;
        dispatch(() -> context.handler.onSessionClosed(this, reason));
    }

    /** Runs an application callback inline (loop thread) or on the session's serial executor. */
    void dispatch(Runnable callback) {
        if (callbacks == null) {
            callback.run();
        } else {
            callbacks.execute(callback);
        }
    }

    Connection connection() {
        return connection;
    }
}
