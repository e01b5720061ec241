package io.pollen.cluster.redis;

import io.pollen.session.cluster.ClusterException;
import io.pollen.session.cluster.ClusterTimeoutException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The calls this cluster object routed and awaits answers for: each has a number, a deadline after
 * which it fails with {@link ClusterTimeoutException}, and a decoder for its reply. Safe from any
 * thread: replies arrive on the Redis client's threads, deadlines pass on the timer's.
 */
final class PendingCalls {
    private final Map<Long, Pending<?>> byId = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final Duration timeout;

    PendingCalls(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeout = timeout;
    }

    /**
     * @param node    the node asked, for the timeout's message
     * @param decoder turns the reply's body into the answer; may throw IllegalArgumentException
     * @return the new call, already counting down
     */
    <T> Pending<T> open(String node, Function<ByteBuffer, T> decoder) {
        long id = lastId.incrementAndGet();
        Pending<T> call = new Pending<>(id, decoder);
        call.node = node;
        byId.put(id, call);
        call.deadline = timer.schedule(() -> {
            if (byId.remove(id) != null) {
                call.future.completeExceptionally(new ClusterTimeoutException(call.node, timeout));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return call;
    }

    /**
     * Ends a call that needs no answer after all (no node held the id), completing it with {@code value}.
     *
     * @param call  the call
     * @param value its answer
     */
    <T> void settle(Pending<T> call, T value) {
        if (byId.remove(call.id) != null) {
            call.cancelDeadline();
            call.future.complete(value);
        }
    }

    /**
     * @param reply a message from the reply channel
     */
    void complete(byte[] reply) {
        if (reply.length < 8) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(reply);
        Pending<?> call = byId.remove(in.getLong());
        // Absent: the answer came after the deadline, and the caller has had its timeout.
        if (call != null) {
            call.answer(in.slice());
        }
    }

    /** Fails one call that could not be sent. */
    void fail(long id, ClusterException failure) {
        Pending<?> call = byId.remove(id);
        if (call != null) {
            call.fail(failure);
        }
    }

    /** Fails every call still waiting (the cluster closes). */
    void failAll(ClusterException failure) {
        for (Long id : byId.keySet()) {
            fail(id, failure);
        }
    }

    /** One call awaiting its answer. */
    static final class Pending<T> {
        private final long id;
        private final Function<ByteBuffer, T> decoder;
        private final CompletableFuture<T> future = new CompletableFuture<>();
        private volatile ScheduledFuture<?> deadline;
        /** The node asked, once known: a call routed in one round trip learns it from Redis's answer. */
        private volatile String node;

        private Pending(long id, Function<ByteBuffer, T> decoder) {
            this.id = id;
            this.decoder = decoder;
        }

        long id() {
            return id;
        }

        CompletableFuture<T> future() {
            return future;
        }

        /** @param holder the node the call went to, for the timeout's message */
        void node(String holder) {
            this.node = holder;
        }

        private void answer(ByteBuffer body) {
            cancelDeadline();
            try {
                future.complete(decoder.apply(body));
            } catch (RuntimeException e) {
                future.completeExceptionally(new ClusterException("a node answered call " + id + " with a malformed reply: "
                        + e.getMessage(), e));
            }
        }

        private void fail(ClusterException failure) {
            cancelDeadline();
            future.completeExceptionally(failure);
        }

        private void cancelDeadline() {
            ScheduledFuture<?> timeout = deadline;
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
