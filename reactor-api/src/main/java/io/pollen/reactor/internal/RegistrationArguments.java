package io.pollen.reactor.internal;

import io.pollen.reactor.spi.Interest;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;

/**
 * The argument checks every {@link io.pollen.reactor.spi.Poller#register} makes, written once so that every backend
 * refuses the same mistakes with the same messages. Stateless; safe from any thread.
 */
public final class RegistrationArguments {

    private RegistrationArguments() {
    }

    /**
     * @param channel  the channel to register
     * @param token    its token
     * @param interest its interest bits
     * @throws IllegalArgumentException if the interest has unknown bits, the token is negative, or
     *                                  the channel is in blocking mode
     * @throws ClosedChannelException   if the channel is closed
     */
    public static void check(SelectableChannel channel, int token, int interest) throws ClosedChannelException {
        Interest.validate(interest);
        if (token < 0) {
            throw new IllegalArgumentException("token " + token + " is negative; pollers index state by token");
        }
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("channel is in blocking mode; call configureBlocking(false) first");
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }
}
