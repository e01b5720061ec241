package io.pollen.session;

import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonValueKind;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.WriteResult;
import io.pollen.session.RequestFailedException.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The table of a {@link SessionClient}'s pending requests, keyed by {@code seq}: sends each request
 * when a welcomed connection is there, sends it again on the next one when its connection breaks
 * (while attempts last), matches the first inbound message carrying its {@code seq} as its response,
 * and fails it on timeout.
 *
 * <h2>Threading</h2>
 * {@link #reserve()} is safe from any thread, so that a full table is refused where the caller sees
 * it; every other method runs on the client's home loop, which alone touches the table and the
 * requests' timers. Futures complete on the home loop.
 */
final class ClientRequests {
    private final SessionClient client;
    private final EventLoop home;
    private final int capacity;
    /** Slots taken, from {@link #reserve()} until the request completes: the bound callers see. */
    private final AtomicInteger reserved = new AtomicInteger();
    /** Insertion order is send order: requests waiting for a connection go out oldest first. */
    private final Map<Long, PendingRequest> pending = new LinkedHashMap<>();

    ClientRequests(SessionClient client, EventLoop home, int capacity) {
        this.client = client;
        this.home = home;
        this.capacity = capacity;
    }

    /** @return true if a slot was taken for a new request; false if the table is full. Any thread. */
    boolean reserve() {
        int taken;
        do {
            taken = reserved.get();
            if (taken >= capacity) {
                return false;
            }
        } while (!reserved.compareAndSet(taken, taken + 1));
        return true;
    }

    /** Gives back a slot taken by {@link #reserve()} for a request that never reached the table. */
    void unreserve() {
        reserved.decrementAndGet();
    }

    /** @return requests in the table now, sent or waiting. Any thread (a snapshot). */
    int size() {
        return reserved.get();
    }

    /**
     * Takes a reserved request into the table, arms its timeout, and sends it at once if a connection
     * is welcomed. Home loop.
     */
    void add(PendingRequest request, ClientGeneration current) {
        pending.put(request.seq, request);
        request.timeout = home.schedule(() -> fail(request, Reason.TIMED_OUT,
                "no response within " + TimeUnit.NANOSECONDS.toMillis(request.timeoutNanos) + " ms"),
                request.timeoutNanos, TimeUnit.NANOSECONDS);
        if (request.pinnedTo != null && request.pinnedTo != current) {
            fail(request, Reason.CONNECTION_LOST, "the handle's connection is gone");
        } else if (current != null) {
            transmit(request, current.connection);
        }
    }

    /** A connection was welcomed: sends every request that waits for one. Home loop. */
    void welcomed(ClientGeneration generation) {
        for (PendingRequest request : snapshot()) {
            if (request.sentOn == null && request.pinnedTo == null) {
                transmit(request, generation.connection);
            }
        }
    }

    /**
     * A connection is gone: its requests wait for the next one if they have attempts left, else
     * fail; with no next connection coming, everything fails. Home loop.
     */
    void lost(Connection connection, boolean reconnecting) {
        for (PendingRequest request : snapshot()) {
            boolean wasOnIt = request.sentOn == connection
                    || request.pinnedTo != null && request.pinnedTo.connection == connection;
            if (wasOnIt) {
                request.sentOn = null;
                if (!request.mayRetry()) {
                    fail(request, Reason.CONNECTION_LOST, "the connection broke before the response");
                    continue;
                }
            }
            if (!reconnecting) {
                fail(request, Reason.CONNECTION_LOST, "the connection is gone and the client does not reconnect");
            }
        }
    }

    /**
     * @return true if the message is the response of a pending request (the first inbound message
     *         carrying its {@code seq}), which it completed. Home loop.
     */
    boolean answered(JsonMessage message) {
        if (pending.isEmpty() || message.kind("seq") != JsonValueKind.NUMBER) {
            return false;
        }
        long seq;
        try {
            seq = message.getLong("seq");
        } catch (BadMessageException notAnInteger) {
            return false; // no request of ours has a fractional or out-of-range seq
        }
        PendingRequest request = pending.remove(seq);
        if (request == null) {
            return false;
        }
        finish(request);
        request.future.complete(message);
        return true;
    }

    /** Fails every pending request. Home loop, or any thread once the loop has stopped. */
    void failAll(Reason reason, String detail) {
        for (PendingRequest request : snapshot()) {
            fail(request, reason, detail);
        }
    }

    private void transmit(PendingRequest request, Connection connection) {
        WriteResult result = connection.write(NetstringEncoder.encode(request.payload));
        switch (result) {
            case QUEUED -> {
                request.attempts++;
                request.sentOn = connection;
                if (request.attempts > 1) {
                    client.handler().onRequestResent(client, request.seq, request.attempts);
                }
            }
            case REJECTED_FULL -> fail(request, Reason.REJECTED_FULL, "the connection's write queue is full");
            // The connection is closing: its loss is on its way to this loop, and the next welcome sends
            // the request (a pinned one fails then, with its connection).
            case CLOSED -> request.sentOn = null;
        }
    }

    private void fail(PendingRequest request, Reason reason, String detail) {
        if (pending.remove(request.seq, request)) {
            finish(request);
            request.future.completeExceptionally(new RequestFailedException(reason, request.attempts,
                    "request seq " + request.seq + " to " + client.remote() + ": " + detail));
        }
    }

    private void finish(PendingRequest request) {
        if (request.timeout != null) {
            request.timeout.cancel();
        }
        reserved.decrementAndGet();
    }

    private List<PendingRequest> snapshot() {
        return new ArrayList<>(pending.values());
    }
}
