package io.pollen.reactor;

import java.net.InetSocketAddress;

/**
 * A listening socket of a {@link Reactor}. Safe from any thread.
 */
public interface Listener extends AutoCloseable {

    /** @return the bound address (with the real port when 0 was asked for) */
    InetSocketAddress localAddress();

    /** Stops accepting and closes the listening socket; accepted connections stay open. Idempotent. */
    @Override
    void close();
}
