package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.Connection;
import io.pollen.reactor.LoopTimer;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One request waiting for its response: its stamped payload (kept to send it again), how often it may
 * be sent, where it was last sent, and its timeout. Created on any thread, then owned by the client's
 * home loop ({@link ClientRequests}).
 */
final class PendingRequest {
    final long seq;
    final ByteBuffer payload;
    final long timeoutNanos;
    final int maxAttempts;
    /** Non-null for a request of a {@link ConnectionHandle}: sent on that connection only, never again. */
    final ClientGeneration pinnedTo;
    final CompletableFuture<JsonMessage> future = new CompletableFuture<>();
    /** Home loop only: times sent. */
    int attempts;
    /** Home loop only: the connection the latest attempt went out on, or null while waiting to be sent. */
    Connection sentOn;
    /** Home loop only. */
    LoopTimer timeout;

    PendingRequest(long seq, ByteBuffer payload, long timeoutNanos, int retries, ClientGeneration pinnedTo) {
        this.seq = seq;
        this.payload = payload;
        this.timeoutNanos = timeoutNanos;
        this.maxAttempts = retries + 1;
        this.pinnedTo = pinnedTo;
    }

    /** @return whether a loss of the connection it went out on leaves an attempt to send it again */
    boolean mayRetry() {
        return pinnedTo == null && attempts < maxAttempts;
    }
}
