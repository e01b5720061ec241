package io.pollen.session;

import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.reactor.ErrorCode;
import io.pollen.codec.reactor.ErrorReply;
import io.pollen.reactor.StreamProducer;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SequentialSession} over a {@link ServerSession}: the server session keeps the identity,
 * health and counters as for callbacks; this adds the inbox and the waiting sends.
 *
 * <p>Threading as {@link SequentialSession} says; the loop-side hooks ({@link #delivered},
 * {@link #writable}, {@link #closed}) run on the session's loop thread.
 */
final class SequentialServerSession implements SequentialSession {
    private final ServerSession session;
    private final ServerMetrics metrics;
    private final SessionInbox inbox;
    private final WritabilityGate gate;

    SequentialServerSession(ServerSession session, ServerMetrics metrics, int inboxCapacity) {
        this.session = session;
        this.metrics = metrics;
        this.inbox = new SessionInbox(session.connection(), inboxCapacity);
        this.gate = new WritabilityGate(session.connection());
    }

    // ---------------------------------------------------------------- the session's own thread

    @Override
    public JsonMessage receive() throws InterruptedException {
        return inbox.take(-1);
    }

    @Override
    public JsonMessage receive(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a receive timeout must not be negative: " + timeout);
        }
        return inbox.take(saturatedNanos(timeout));
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException beyondLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public SendResult send(ByteBuffer payload) {
        gate.awaitWritable();
        return session.send(payload);
    }

    @Override
    public SendResult sendFile(FileChannel file, long position, long length) {
        gate.awaitWritable();
        return session.sendFile(file, position, length);
    }

    @Override
    public SendResult sendStream(StreamProducer producer, long length) {
        gate.awaitWritable();
        return session.sendStream(producer, length);
    }

    @Override
    public SendResult send(String json) {
        return send(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public SendResult refuse(BadMessageException error) {
        gate.awaitWritable();
        metrics.error(ErrorCode.BAD_MESSAGE);
        switch (session.connection().write(ErrorReply.forBadMessage(error))) {
            case QUEUED:
                return SendResult.QUEUED;
            case REJECTED_FULL:
                return SendResult.REJECTED_FULL;
            default:
                return SendResult.CLOSED;
        }
    }

    @Override
    public int pendingMessages() {
        return inbox.size();
    }

    // ---------------------------------------------------------------- loop thread

    void delivered(JsonMessage message) {
        inbox.offer(message);
    }

    void writable() {
        gate.open();
    }

    void closed() {
        inbox.close();
        gate.open();
    }

    // ---------------------------------------------------------------- Session, any thread

    @Override
    public String id() {
        return session.id();
    }

    @Override
    public SocketAddress remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public SessionState state() {
        return session.state();
    }

    @Override
    public Instant lastSeen() {
        return session.lastSeen();
    }

    @Override
    public Instant openedAt() {
        return session.openedAt();
    }

    @Override
    public SessionCounters counters() {
        return session.counters();
    }

    @Override
    public Optional<Duration> roundTripTime() {
        return session.roundTripTime();
    }

    @Override
    public Object attribute(String name) {
        return session.attribute(name);
    }

    @Override
    public void attribute(String name, Object value) {
        session.attribute(name, value);
    }

    @Override
    public Map<String, Object> attributes() {
        return session.attributes();
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        session.close();
    }

    /** Drops what is queued and closes now: the handler failed. */
    void abort() {
        session.connection().abort();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
