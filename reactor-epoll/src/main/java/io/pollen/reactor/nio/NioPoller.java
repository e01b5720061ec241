package io.pollen.reactor.nio;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;
import io.pollen.reactor.internal.RegistrationArguments;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Poller} over the JDK's {@link Selector} (epoll on Linux, kqueue on macOS): portable, and
 * the fallback when no native backend loads.
 *
 * <p>Tokens index an array of {@link SelectionKey}s; each key carries its token as an
 * {@link Integer} attachment (cached for small tokens by {@link Integer#valueOf}). The selector's
 * premature-return bug is watched by a {@link SelectorSpinDetector}: when it fires, every
 * registration moves to a new selector and the old one is closed.
 *
 * <p>All methods but {@link #wakeup()} MUST be called on the owning loop thread.
 */
public final class NioPoller implements Poller {
    private static final System.Logger LOG = System.getLogger(NioPoller.class.getName());

    private final SelectorSpinDetector spinDetector;
    private final AtomicBoolean wakeupRequested = new AtomicBoolean();
    private Selector selector;
    private SelectionKey[] keys = new SelectionKey[64];
    private int rebuilds;

    NioPoller(int spinThreshold) throws IOException {
        this.selector = Selector.open();
        this.spinDetector = new SelectorSpinDetector(spinThreshold);
    }

    @Override
    public void register(SelectableChannel channel, int token, int interest) throws IOException {
        RegistrationArguments.check(channel, token, interest);
        if (token >= keys.length) {
            keys = Arrays.copyOf(keys, Math.max(token + 1, keys.length * 2));
        }
        if (keys[token] != null && keys[token].isValid()) {
            throw new IllegalStateException("token " + token + " is already registered");
        }
        keys[token] = channel.register(selector, toSelectionOps(interest), token);
    }

    @Override
    public void modify(int token, int interest) throws IOException {
        Interest.validate(interest);
        SelectionKey key = key(token);
        if (key == null) {
            throw new IllegalArgumentException("token " + token + " is not registered");
        }
        try {
            key.interestOps(toSelectionOps(interest));
        } catch (CancelledKeyException e) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public void deregister(int token) {
        SelectionKey key = key(token);
        if (key != null) {
            key.cancel();
            keys[token] = null;
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
        long start = System.nanoTime();
        int selected;
        if (timeoutNanos == 0) {
            selected = selector.selectNow();
        } else if (timeoutNanos < 0) {
            selected = selector.select();
        } else {
            // Round up: returning before a timer's deadline would make the loop spin until it.
            selected = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
        }
        boolean wokenUp = wakeupRequested.getAndSet(false);
        if (spinDetector.onWait(timeoutNanos, System.nanoTime() - start, selected, wokenUp)) {
            rebuildSelector();
            return 0;
        }
        if (selected == 0) {
            return 0;
        }
        Set<SelectionKey> selectedKeys = selector.selectedKeys();
        int reported = 0;
        for (Iterator<SelectionKey> it = selectedKeys.iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            if (!key.isValid()) {
                continue;
            }
            int readyOps;
            try {
                readyOps = fromSelectionOps(key.readyOps());
            } catch (CancelledKeyException e) {
                continue;
            }
            reported++;
            handler.onReady((Integer) key.attachment(), readyOps);
        }
        return reported;
    }

    @Override
    public void wakeup() {
        wakeupRequested.set(true);
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector failed: " + e.getMessage());
        }
    }

    /** @return how many times a spinning selector was replaced */
    public int rebuildCount() {
        return rebuilds;
    }

    /**
     * Moves every registration to a new selector and closes the old one. Loop thread only; public
     * so that tests can show registrations survive it.
     *
     * @throws IOException if a new selector cannot be opened (the old one is kept)
     */
    public void rebuildSelector() throws IOException {
        Selector fresh = Selector.open();
        Selector old = selector;
        for (int token = 0; token < keys.length; token++) {
            SelectionKey key = keys[token];
            if (key == null || !key.isValid()) {
                continue;
            }
            int ops = key.interestOps();
            key.cancel();
            keys[token] = key.channel().register(fresh, ops, token);
        }
        selector = fresh;
        rebuilds++;
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the replaced selector failed: " + e.getMessage());
        }
        LOG.log(Level.WARNING, "replaced a selector that kept returning early without events (rebuild "
                + rebuilds + "); this is a known JDK/kernel problem, not a Pollen error");
    }

    private SelectionKey key(int token) {
        return token >= 0 && token < keys.length ? keys[token] : null;
    }

    static int toSelectionOps(int interest) {
        int ops = 0;
        if ((interest & Interest.READ) != 0) {
            ops |= SelectionKey.OP_READ;
        }
        if ((interest & Interest.WRITE) != 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        if ((interest & Interest.ACCEPT) != 0) {
            ops |= SelectionKey.OP_ACCEPT;
        }
        if ((interest & Interest.CONNECT) != 0) {
            ops |= SelectionKey.OP_CONNECT;
        }
        return ops;
    }

    static int fromSelectionOps(int ops) {
        int ready = 0;
        if ((ops & SelectionKey.OP_READ) != 0) {
            ready |= Interest.READ;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            ready |= Interest.WRITE;
        }
        if ((ops & SelectionKey.OP_ACCEPT) != 0) {
            ready |= Interest.ACCEPT;
        }
        if ((ops & SelectionKey.OP_CONNECT) != 0) {
            ready |= Interest.CONNECT;
        }
        return ready;
    }
}
