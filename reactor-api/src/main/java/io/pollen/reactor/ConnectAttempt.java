package io.pollen.reactor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connect in flight: the caller's future, the target, the timeout and the failure
 * descriptions. Its {@link ChannelConnection} stays CONNECTING until the attempt succeeds; when the
 * attempt fails or times out, the connection is released and the future completes exceptionally.
 * The future completes after the handler's {@code onOpen}, with the connection, or with the cause if
 * the connection closed during it.
 *
 * <p>Loop thread only; the future is completed there, exactly once.
 */
final class ConnectAttempt {
    private final InetSocketAddress target;
    private CompletableFuture<Connection> future;
    private LoopTimer timeout;

    ConnectAttempt(CompletableFuture<Connection> future, InetSocketAddress target) {
        this.future = future;
        this.target = target;
    }

    /** @return where the connect goes; kept after it completes, for the connection's remote address */
    InetSocketAddress target() {
        return target;
    }

    /** Bounds the attempt: past the timeout, {@code connection} is released with a {@link ConnectException}. */
    void armTimeout(ChannelConnection connection, long timeoutNanos) {
        timeout = connection.loop().newTimer(() -> {
            if (connection.isConnecting()) {
                connection.closeNow(ConnectFailures.timedOut(target, timeoutNanos));
            }
        });
        timeout.schedule(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Finishes the non-blocking connect once the poller reports it ready.
     *
     * @return true if connected, false if still in progress
     * @throws ConnectException naming the target, if the connect failed
     */
    boolean finish(SocketChannel channel) throws ConnectException {
        try {
            return channel.finishConnect();
        } catch (IOException e) {
            throw ConnectFailures.describe(target, null, e);
        }
    }

    /** The connection is established and announced: the future gets it, unless it failed meanwhile. */
    void succeeded(ChannelConnection connection) {
        CompletableFuture<Connection> pending = complete();
        if (pending != null) {
            pending.complete(connection);
        }
    }

    /**
     * The connection was released before the future completed (while connecting, or by its handler's
     * {@code onOpen}): the future fails with the cause. Does nothing once the future has completed.
     */
    void failed(Throwable cause) {
        CompletableFuture<Connection> pending = complete();
        if (pending != null) {
            pending.completeExceptionally(cause != null ? cause : new ClosedChannelException());
        }
    }

    /** Stops the timeout and hands over the future, once; null afterwards. */
    private CompletableFuture<Connection> complete() {
        if (timeout != null) {
            timeout.cancel();
            timeout = null;
        }
        CompletableFuture<Connection> pending = future;
        future = null;
        return pending;
    }
}
