package io.pollen.session;

import io.pollen.reactor.Connection;

import java.util.concurrent.CompletableFuture;

/**
 * One welcomed connection of a {@link SessionClient}, from its {@code welcome} to its loss: what a
 * {@link ConnectionHandle} is bound to, and what requests pinned to a handle are sent on.
 * {@link #lost} completes (on the client's home loop) when the connection is gone; readable from any
 * thread.
 */
final class ClientGeneration {
    final Connection connection;
    final CompletableFuture<Void> lost = new CompletableFuture<>();

    ClientGeneration(Connection connection) {
        this.connection = connection;
    }

    /** @return true while the connection is open and its loss was not yet seen */
    boolean isLive() {
        return !lost.isDone() && connection.isOpen();
    }
}
