package io.pollen.reactor;

/**
 * Settings of one listening socket, passed to {@link Reactor#listen(java.net.InetSocketAddress,
 * java.util.function.Supplier, ListenOptions)}; {@code new ListenOptions()} holds the defaults, which
 * are what {@link Reactor#listen(java.net.InetSocketAddress, java.util.function.Supplier)} uses.
 *
 * <p>Pollen's configuration convention, as in {@link ReactorBuilder}: a same-name fluent setter and
 * getter per setting, each default a {@code DEFAULT_} constant beside its setter, setters only store.
 * The reactor-wide listen settings (backlog, connection cap) stay on the {@link ReactorBuilder}.
 *
 * <h2>Threading</h2>
 * Not thread-safe: configure on one thread. {@code listen} reads the options once; later changes do
 * not affect a socket already bound.
 */
public final class ListenOptions {
    /** Default for {@link #reusePort(boolean)}: off, a port belongs to one socket. */
    public static final boolean DEFAULT_REUSE_PORT = false;

    private boolean reusePort = DEFAULT_REUSE_PORT;

    /**
     * Sets {@code SO_REUSEPORT} on the listening socket before it binds, so that several sockets, in
     * this process or in others of the same user, listen on one port, each with its own accept queue.
     * Every socket sharing the port must set it. On Linux the kernel spreads new connections over the
     * sockets by a hash of their addresses; a socket that closes takes the connections still waiting
     * in its own queue with it (they are reset). Where the platform's sockets do not support the
     * option, {@code listen} throws {@link ReusePortUnsupportedException} rather than bind without it.
     *
     * @param enabled whether to set {@code SO_REUSEPORT} (default {@value #DEFAULT_REUSE_PORT})
     * @return this
     */
    public ListenOptions reusePort(boolean enabled) {
        this.reusePort = enabled;
        return this;
    }

    /** @return whether {@code SO_REUSEPORT} is set on the listening socket */
    public boolean reusePort() {
        return reusePort;
    }

    @Override
    public String toString() {
        return "ListenOptions{reusePort=" + reusePort + "}";
    }
}
