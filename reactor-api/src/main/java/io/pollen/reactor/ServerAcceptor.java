package io.pollen.reactor;

import io.pollen.reactor.spi.Interest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A listening socket registered on one loop. Accepts in batches and hands each connection to the
 * next loop round-robin.
 *
 * <p>An accept failure is classified by {@link AcceptFailureClassifier} (by the condition, never by
 * the locale-dependent message). One that was the connection's own (ECONNABORTED) is counted as
 * {@link OverloadReason#ACCEPT_FAILED} and skipped; accepting goes on, at most
 * {@value #MAX_TRANSIENT_FAILURES_PER_EVENT} such failures in a row per readiness event.
 *
 * <p>When {@code accept} fails for want of descriptors (EMFILE/ENFILE) the pending connection stays in
 * the kernel's backlog, so a level-triggered poller would report it again at once and the loop
 * would spin. Instead accepting pauses (interest removed) and a timer resumes it after a back-off
 * that doubles up to a maximum and resets at the next successful accept. Each pause is counted and
 * reported to the overload listener; only the first of a run is logged.
 *
 * <p>{@link #close()} and {@link #localAddress()} are safe from any thread; the rest runs on the
 * owning loop.
 */
final class ServerAcceptor implements Listener, Registrant {
    private static final System.Logger LOG = System.getLogger(ServerAcceptor.class.getName());
    /** Accepts per readiness event before yielding to other work on the loop. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;
    /**
     * Transient accept failures in a row, within one readiness event, after which accepting pauses
     * anyway: a failure that is not the connection's but repeats (a broken listening socket) must
     * not keep a level-triggered loop busy.
     */
    private static final int MAX_TRANSIENT_FAILURES_PER_EVENT = 8;

    private final EventLoopReactor reactor;
    private final PollerEventLoop loop;
    private final ServerSocketChannel server;
    private final Supplier<? extends ConnectionHandler> handlers;
    private final InetSocketAddress localAddress;
    private final long backoffMinNanos;
    private final long backoffMaxNanos;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AcceptFailureClassifier failures = new AcceptFailureClassifier(AcceptFailureClassifier.SOCKET_PROBE);

    private int token = -1;
    private long backoffNanos;
    private boolean paused;
    private LoopTimer resumeTimer;

    ServerAcceptor(EventLoopReactor reactor, PollerEventLoop loop, ServerSocketChannel server,
                   Supplier<? extends ConnectionHandler> handlers, long backoffMinNanos, long backoffMaxNanos)
            throws IOException {
        this.reactor = reactor;
        this.loop = loop;
        this.server = server;
        this.handlers = handlers;
        this.localAddress = (InetSocketAddress) server.getLocalAddress();
        this.backoffMinNanos = backoffMinNanos;
        this.backoffMaxNanos = backoffMaxNanos;
        this.backoffNanos = backoffMinNanos;
    }

    void register() throws IOException {
        token = loop.register(server, this, Interest.ACCEPT);
    }

    ConnectionHandler newHandler() {
        ConnectionHandler handler = handlers.get();
        if (handler == null) {
            throw new NullPointerException("the handler supplier returned null");
        }
        return handler;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void onReady(int readyOps) {
        if (paused || token < 0) {
            return;
        }
        int transientFailures = 0;
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                OverloadReason reason = failures.classify(e);
                if (reason == OverloadReason.DESCRIPTORS_EXHAUSTED
                        || ++transientFailures >= MAX_TRANSIENT_FAILURES_PER_EVENT) {
                    pause(reason, e);
                    return;
                }
                skip(e);
                continue;
            }
            if (channel == null) {
                return;
            }
            backoffNanos = backoffMinNanos;
            reactor.dispatchAccepted(channel, this);
        }
    }

    /** A failure that was the one connection's (the peer aborted it in the backlog): count it, go on. */
    private void skip(IOException failure) {
        String detail = "accept on " + localAddress + " failed for one connection (" + failure.getMessage()
                + "); skipped it, still accepting";
        LOG.log(Level.DEBUG, detail);
        reactor.overload(OverloadReason.ACCEPT_FAILED, detail);
    }

    private void pause(OverloadReason reason, IOException failure) {
        boolean exhausted = reason == OverloadReason.DESCRIPTORS_EXHAUSTED;
        String detail = "accept on " + localAddress + " failed (" + failure.getMessage() + ")"
                + (exhausted ? ": out of descriptors" : ", again and again") + "; pausing accepts for "
                + TimeUnit.NANOSECONDS.toMillis(backoffNanos) + " ms"
                + (exhausted ? "; raise the open-file limit (ulimit -n) or lower maxConnections" : "");
        if (backoffNanos == backoffMinNanos) {
            LOG.log(Level.WARNING, detail);
        }
        reactor.overload(reason, detail);
        paused = true;
        try {
            loop.modify(token, Interest.NONE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot pause accepting on " + localAddress + ": " + e.getMessage());
        }
        if (resumeTimer == null) {
            resumeTimer = loop.newTimer(this::resume);
        }
        resumeTimer.schedule(backoffNanos, TimeUnit.NANOSECONDS);
        backoffNanos = Math.min(backoffMaxNanos, backoffNanos * 2);
    }

    private void resume() {
        if (token < 0) {
            return;
        }
        paused = false;
        try {
            loop.modify(token, Interest.ACCEPT);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot resume accepting on " + localAddress + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (loop.inLoop()) {
            closeOnLoop();
            return;
        }
        try {
            loop.execute(this::closeOnLoop);
            closed.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException terminated) {
            // The loop ended and closed the socket.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "closing listener " + localAddress + " did not complete: " + e);
        }
    }

    private void closeOnLoop() {
        if (token >= 0) {
            loop.deregister(token, this);
            token = -1;
        }
        if (resumeTimer != null) {
            resumeTimer.cancel();
        }
        reactor.closeQuietly(server);
        reactor.listenerClosed(this);
        closed.complete(null);
    }

    @Override
    public void beginShutdown() {
        closeOnLoop();
    }

    @Override
    public void abortForShutdown(Throwable cause) {
        closeOnLoop();
    }

    @Override
    public String toString() {
        return "Listener[" + localAddress + "]";
    }
}
