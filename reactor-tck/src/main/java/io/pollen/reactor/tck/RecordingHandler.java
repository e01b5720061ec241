package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what happens to one connection, for tests to assert on from their own thread. Callbacks
 * arrive on the loop thread; the accessors are safe from any thread.
 */
public class RecordingHandler implements ConnectionHandler {
    /** Completes with the connection when it opens. */
    public final CompletableFuture<Connection> opened = new CompletableFuture<>();
    /** Completes with the close cause (an {@link java.util.Optional}-like null for orderly) when it closes. */
    public final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    /** Completes when the peer shuts down its output. */
    public final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
    /** Writability changes, in order. */
    public final List<Boolean> writabilityChanges = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @Override
    public void onOpen(Connection connection) {
        opened.complete(connection);
    }

    @Override
    public void onRead(Connection connection, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (received) {
            received.writeBytes(bytes);
        }
    }

    @Override
    public void onInputClosed(Connection connection) {
        inputClosed.complete(null);
        ConnectionHandler.super.onInputClosed(connection);
    }

    @Override
    public void onWritabilityChanged(Connection connection, boolean writable) {
        writabilityChanges.add(writable);
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        closed.complete(cause);
    }

    /** @return the bytes received so far */
    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** @return the number of bytes received so far */
    public int receivedCount() {
        synchronized (received) {
            return received.size();
        }
    }
}
