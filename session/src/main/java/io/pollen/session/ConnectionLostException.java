package io.pollen.session;

/**
 * The connection a {@link ConnectionHandle} is bound to broke while a block of work was using it. Thrown
 * by the handle; {@link SessionClient#withConnection} catches it and runs the block again on the next
 * connection, while retries last.
 *
 * <p>Immutable; safe from any thread.
 */
public final class ConnectionLostException extends Exception {
    private static final long serialVersionUID = 1L;

    ConnectionLostException(String message) {
        super(message);
    }
}
