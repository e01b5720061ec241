package io.pollen.reactor.spi;

import java.io.IOException;

/**
 * A backend cannot hold a registration at all, by its design rather than by a passing failure: for
 * example a descriptor beyond {@code select(2)}'s {@code FD_SETSIZE}. The engine closes that one
 * connection, counts it as an overload and keeps serving every other.
 *
 * <p>Subclasses name the limit and the remedy in their message.
 */
public class PollerCapacityException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what limit was hit and what to do about it
     */
    public PollerCapacityException(String message) {
        super(message);
    }
}
