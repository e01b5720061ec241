package io.pollen.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.util.Set;

/**
 * Sets {@code SO_REUSEPORT} on a listening socket before it binds, or says why it cannot: the JDK
 * lists the option among a channel's supported options only where the platform has it, and Pollen
 * refuses to bind without it rather than leave the other processes of a shared port to fail.
 * Stateless; safe from any thread.
 */
final class ReusePort {
    private ReusePort() {
    }

    /**
     * @param channel an unbound listening channel
     * @param address where it is about to bind, for the message
     * @throws ReusePortUnsupportedException if the platform's sockets have no {@code SO_REUSEPORT}
     * @throws IOException                   if setting the option fails
     */
    static void enable(NetworkChannel channel, InetSocketAddress address) throws IOException {
        requireSupported(channel.supportedOptions(), address);
        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    }

    /**
     * @param supported the options a channel supports
     * @param address   where it is about to bind, for the message
     * @throws ReusePortUnsupportedException if {@code SO_REUSEPORT} is not among them
     */
    static void requireSupported(Set<SocketOption<?>> supported, InetSocketAddress address) {
        if (!supported.contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new ReusePortUnsupportedException("cannot listen on " + address + " with SO_REUSEPORT: the sockets of "
                    + System.getProperty("os.name") + " do not support it; listen without ListenOptions.reusePort and"
                    + " run one process per port");
        }
    }
}
