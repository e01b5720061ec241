package io.pollen.reactor;

import io.pollen.reactor.spi.Poller;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link Reactor}: N {@link PollerEventLoop}s over pollers of one backend, listeners spread
 * round-robin, and the lifecycle (start, graceful shutdown).
 *
 * <p>Built by {@link ReactorBuilder#build()}; not for direct use. Safe from any thread.
 */
final class EventLoopReactor implements Reactor {
    private static final System.Logger LOG = System.getLogger(Reactor.class.getName());

    private final String backend;
    private final List<PollerEventLoop> loops;
    private final ReactorCounters counters = new ReactorCounters();
    private final OverloadListener overloadListener;
    private final OverflowPolicy overflowPolicy;
    private final int maxConnections;
    private final int backlog;
    private final long shutdownDrainNanos;
    private final long connectTimeoutNanos;
    private final long acceptBackoffMinNanos;
    private final long acceptBackoffMaxNanos;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicInteger acceptedOpen = new AtomicInteger();
    private final Set<ServerAcceptor> listeners = ConcurrentHashMap.newKeySet();
    private final Object lifecycleLock = new Object();
    private boolean shutdownStarted;
    private boolean drained;

    private EventLoopReactor(ReactorBuilder b, String backend) {
        this.backend = backend;
        this.overloadListener = b.overloadListener();
        this.overflowPolicy = b.overflowPolicy();
        this.maxConnections = b.maxConnections();
        this.backlog = b.backlog();
        this.shutdownDrainNanos = b.shutdownDrainTimeout().toNanos();
        this.connectTimeoutNanos = b.connectTimeout().toNanos();
        this.acceptBackoffMinNanos = b.acceptBackoffMin().toNanos();
        this.acceptBackoffMaxNanos = b.acceptBackoffMax().toNanos();
        this.loops = new ArrayList<>(b.threads());
    }

    /**
     * Chooses the backend, logs the startup report and starts the loops.
     *
     * @param builder validated settings
     * @return the running reactor
     */
    static Reactor start(ReactorBuilder builder) {
        BackendChoice choice = Backends.choose(builder.backend());
        LOG.log(Level.INFO, choice.report());
        return start(builder, choice);
    }

    /** Starts the loops on an already chosen backend; the engine's own tests pass theirs here. */
    static EventLoopReactor start(ReactorBuilder builder, BackendChoice choice) {
        EventLoopReactor reactor = new EventLoopReactor(builder, choice.provider().alias());
        PollerEventLoop.Settings settings = new PollerEventLoop.Settings(builder.clock(),
                builder.timerTick().toNanos(), builder.timerWheelSize(), builder.maxTasksPerIteration(),
                builder.maxTaskTimePerIteration().toNanos(),
                builder.readBufferSize(), builder.writeLowWaterMark(), builder.writeHighWaterMark(),
                builder.maxPendingWriteBytes(), builder.maxPendingStreams(), builder.threadNamePrefix());
        try {
            for (int i = 0; i < builder.threads(); i++) {
                Poller poller = choice.provider().open();
                reactor.loops.add(new PollerEventLoop(reactor, i, poller, settings));
            }
        } catch (IOException e) {
            reactor.loops.forEach(PollerEventLoop::start);
            reactor.shutdown(Duration.ZERO);
            throw new UncheckedIOException("cannot open a " + choice.provider().alias() + " poller: "
                    + e.getMessage(), e);
        }
        reactor.counters.attach(List.copyOf(reactor.loops));
        reactor.loops.forEach(PollerEventLoop::start);
        return reactor;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public int loopCount() {
        return loops.size();
    }

    @Override
    public List<EventLoop> loops() {
        return List.copyOf(loops);
    }

    @Override
    public ReactorMetrics metrics() {
        return counters;
    }

    @Override
    public Listener listen(InetSocketAddress address, Supplier<? extends ConnectionHandler> handlers,
                           ListenOptions options) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handlers, "handlers");
        Objects.requireNonNull(options, "options");
        ensureRunning();
        ServerSocketChannel server = bound(address, options.reusePort());
        PollerEventLoop loop = next();
        ServerAcceptor acceptor = new ServerAcceptor(this, loop, server, handlers, acceptBackoffMinNanos, acceptBackoffMaxNanos);
        CompletableFuture<Void> registered = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                loop.addListener(acceptor);
                listeners.add(acceptor);
                registered.complete(null);
            } catch (IOException | RuntimeException e) {
                closeQuietly(server);
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            closeQuietly(server);
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IOException("cannot register listener " + address + " with the " + backend
                    + " backend: " + cause.getMessage(), cause);
        }
        return acceptor;
    }

    /** Opens a non-blocking listening socket bound to the address; closes it again if anything fails. */
    private ServerSocketChannel bound(InetSocketAddress address, boolean reusePort) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                ReusePort.enable(server, address);
            }
            server.bind(address, backlog);
            server.configureBlocking(false);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            BindException named = new BindException("cannot listen on " + address + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    @Override
    public CompletableFuture<Connection> connect(InetSocketAddress remote, InetSocketAddress localAddress,
                                                 ConnectionHandler handler) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(handler, "handler");
        CompletableFuture<Connection> future = new CompletableFuture<>();
        PollerEventLoop loop = next();
        try {
            ensureRunning();
            loop.execute(() -> loop.startConnect(remote, localAddress, handler, future, connectTimeoutNanos));
        } catch (RejectedExecutionException | IllegalStateException e) {
            future.completeExceptionally(ConnectFailures.describe(remote, localAddress, e));
        }
        return future;
    }

    @Override
    public boolean shutdown(Duration drainDeadline) {
        Objects.requireNonNull(drainDeadline, "drainDeadline");
        for (PollerEventLoop loop : loops) {
            if (loop.inLoop()) {
                throw new IllegalStateException("shutdown must not be called from a loop thread of this reactor");
            }
        }
        synchronized (lifecycleLock) {
            if (!shutdownStarted) {
                shutdownStarted = true;
                drained = runShutdown(drainDeadline);
            }
            return drained;
        }
    }

    private boolean runShutdown(Duration drainDeadline) {
        for (ServerAcceptor listener : List.copyOf(listeners)) {
            listener.close();
        }
        long deadline = System.nanoTime() + drainDeadline.toNanos();
        for (PollerEventLoop loop : loops) {
            loop.beginShutdown(deadline);
        }
        boolean allDrained = true;
        for (PollerEventLoop loop : loops) {
            try {
                long remaining = Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(10);
                if (!loop.awaitTermination(remaining, TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.ERROR, "event loop " + loop + " did not terminate; a handler may be blocking it");
                    allDrained = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            allDrained &= loop.drainedInTime();
        }
        return allDrained;
    }

    @Override
    public void close() {
        shutdown(Duration.ofNanos(shutdownDrainNanos));
    }

    private void ensureRunning() {
        synchronized (lifecycleLock) {
            if (shutdownStarted) {
                throw new IllegalStateException("the reactor is shut down");
            }
        }
    }

    // ---------------------------------------------------------------- engine internals

    ReactorCounters counters() {
        return counters;
    }

    OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    long shutdownDrainNanos() {
        return shutdownDrainNanos;
    }

    long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }

    long nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    private PollerEventLoop next() {
        return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    }

    /** Called on the acceptor's loop for each accepted channel. */
    void dispatchAccepted(SocketChannel channel, ServerAcceptor acceptor) {
        if (maxConnections > 0 && acceptedOpen.incrementAndGet() > maxConnections) {
            acceptedOpen.decrementAndGet();
            // Count before closing, so whoever sees the close also sees the count.
            overload(OverloadReason.MAX_CONNECTIONS, "connection cap of " + maxConnections
                    + " reached; closed a new connection on " + acceptor.localAddress());
            closeQuietly(channel);
            return;
        } else if (maxConnections == 0) {
            acceptedOpen.incrementAndGet();
        }
        try {
            ChannelConnection.configure(channel);
        } catch (IOException e) {
            closeRefused(channel, true);
            return;
        }
        PollerEventLoop target = next();
        if (target.inLoop()) {
            target.adoptAccepted(channel, acceptor);
            return;
        }
        try {
            target.execute(() -> target.adoptAccepted(channel, acceptor));
        } catch (RejectedExecutionException e) {
            closeRefused(channel, true);
        }
    }

    /** Closes a channel that never became a connection, releasing its place under the cap. */
    void closeRefused(SocketChannel channel, boolean accepted) {
        closeQuietly(channel);
        if (accepted) {
            acceptedOpen.decrementAndGet();
        }
    }

    void connectionClosed(ChannelConnection connection) {
        if (connection.isAccepted()) {
            acceptedOpen.decrementAndGet();
        }
    }

    void listenerClosed(ServerAcceptor acceptor) {
        listeners.remove(acceptor);
    }

    void overload(OverloadReason reason, String detail) {
        counters.overload(reason);
        try {
            overloadListener.onOverload(reason, detail);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the overload listener threw", e);
        }
    }

    void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close failed: " + e.getMessage());
        }
    }
}
