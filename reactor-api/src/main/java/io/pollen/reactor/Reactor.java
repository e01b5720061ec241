package io.pollen.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A set of event loops, each a thread with one poller of the chosen backend, serving TCP
 * connections. Each connection is pinned to one loop for life and its handler runs only there.
 *
 * <pre>{@code
 * try (Reactor reactor = Reactor.builder().backend("auto").build()) {
 *     Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", 7000), EchoHandler::new);
 *     ...
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * Every method is safe from any thread. {@link #close()} and {@link #shutdown(Duration)} must not be
 * called from a loop thread of this reactor (they wait for the loops to end).
 */
public interface Reactor extends AutoCloseable {

    /** @return a builder with the defaults of {@link ReactorBuilder} */
    static ReactorBuilder builder() {
        return new ReactorBuilder();
    }

    /** @return the alias of the backend in use, one of {@link io.pollen.reactor.spi.BackendAliases} */
    String backend();

    /** @return the number of event loops */
    int loopCount();

    /** @return the event loops, for running tasks and timers on them */
    List<EventLoop> loops();

    /**
     * Binds a listening socket with the default {@link ListenOptions}; accepted connections are spread
     * over the loops round-robin.
     *
     * @param address  where to listen (port 0 picks a free port)
     * @param handlers makes one handler per accepted connection, called on a loop thread
     * @return the listener
     * @throws IOException if binding fails (the message names the address; a port in use is a
     *                     {@link java.net.BindException})
     */
    default Listener listen(InetSocketAddress address, Supplier<? extends ConnectionHandler> handlers) throws IOException {
        return listen(address, handlers, new ListenOptions());
    }

    /**
     * Binds a listening socket with the given options; accepted connections are spread over the loops
     * round-robin. With {@link ListenOptions#reusePort(boolean)} several reactors, in this process or in
     * others, may listen on one port, and the kernel spreads connections over them.
     *
     * @param address  where to listen (port 0 picks a free port)
     * @param handlers makes one handler per accepted connection, called on a loop thread
     * @param options  the socket's options, read once
     * @return the listener
     * @throws IOException                   if binding fails (the message names the address; a port in
     *                                       use is a {@link java.net.BindException})
     * @throws ReusePortUnsupportedException if the options ask for {@code SO_REUSEPORT} and this
     *                                       platform's sockets have none
     */
    Listener listen(InetSocketAddress address, Supplier<? extends ConnectionHandler> handlers, ListenOptions options)
            throws IOException;

    /**
     * Opens a client connection without blocking.
     *
     * @param remote       where to connect
     * @param localAddress the local address to bind first (e.g. one of several source addresses), or
     *                     null for the system's choice
     * @param handler      the connection's handler
     * @return completes with the open connection (after {@link ConnectionHandler#onOpen}), or
     *         exceptionally if connecting fails or times out
     */
    CompletableFuture<Connection> connect(InetSocketAddress remote, InetSocketAddress localAddress,
                                          ConnectionHandler handler);

    /**
     * Opens a client connection from the system's choice of local address.
     *
     * @param remote  where to connect
     * @param handler the connection's handler
     * @return as {@link #connect(InetSocketAddress, InetSocketAddress, ConnectionHandler)}
     */
    default CompletableFuture<Connection> connect(InetSocketAddress remote, ConnectionHandler handler) {
        return connect(remote, null, handler);
    }

    /** @return the reactor's counters */
    ReactorMetrics metrics();

    /**
     * Shuts down gracefully: stops accepting, lets every connection send what it has queued until
     * the deadline, closes every connection (aborting those still sending at the deadline), then
     * stops the loops and releases every descriptor. Idempotent; later calls wait for the first.
     *
     * @param drainDeadline how long queued writes may take to drain
     * @return true if every connection drained before the deadline
     */
    boolean shutdown(Duration drainDeadline);

    /** Shuts down with the builder's {@link ReactorBuilder#shutdownDrainTimeout(Duration)}. */
    @Override
    void close();
}
