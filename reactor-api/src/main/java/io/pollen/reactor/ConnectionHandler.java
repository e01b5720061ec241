package io.pollen.reactor;

import java.nio.ByteBuffer;

/**
 * Application logic for one connection. Every callback runs on the connection's loop thread, one at
 * a time, so a handler needs no locking for its own state.
 *
 * <p>A callback that throws closes its own connection (reported to {@link #onClose} with the
 * exception as cause) and disturbs no other connection.
 */
public interface ConnectionHandler {

    /**
     * The connection is established and registered. Writing here is allowed.
     *
     * @param connection the connection
     */
    default void onOpen(Connection connection) {
    }

    /**
     * Bytes arrived. The buffer is the loop's shared read buffer: it is valid only during this call,
     * and bytes not consumed (copied or parsed) before returning are gone. This is what keeps an idle
     * connection free of read buffers: a decoder keeps only its partial frame, and only while partial.
     *
     * @param connection the connection
     * @param data       the bytes read, from position to limit; read-only
     */
    void onRead(Connection connection, ByteBuffer data);

    /**
     * The peer shut down its side (end of stream). The default closes the connection once queued
     * writes are sent; a handler may instead keep writing and close later (half-close).
     *
     * @param connection the connection
     */
    default void onInputClosed(Connection connection) {
        connection.close();
    }

    /**
     * The connection crossed a water mark.
     *
     * @param connection the connection
     * @param writable   false above the high water mark, true again below the low one
     */
    default void onWritabilityChanged(Connection connection, boolean writable) {
    }

    /**
     * The connection is closed and its descriptor released. Called exactly once per opened connection.
     *
     * @param connection the connection
     * @param cause      null for an orderly close, else what closed it (a reset, a handler's
     *                   exception, an overflow under {@link OverflowPolicy#CLOSE_CONNECTION})
     */
    default void onClose(Connection connection, Throwable cause) {
    }
}
