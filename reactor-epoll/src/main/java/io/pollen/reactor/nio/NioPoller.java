package io.pollen.reactor.nio;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;
import io.pollen.reactor.internal.RegistrationArguments;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link Poller} over the JDK's {@link Selector} (epoll on Linux, kqueue on macOS): portable, and
 * the fallback when no native backend loads.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Tokens index an array of {@link SelectionKey}s; each key carries its token as an
 *       {@link Integer} attachment, boxed once at registration.</li>
 *   <li>A wait allocates nothing of its own: it uses {@link Selector#select(Consumer, long)} with one
 *       consumer made at construction, so the selected-key set (a {@code HashSet}, its nodes and its
 *       iterator) is never touched. The handler of the wait in progress is kept in a field for that
 *       consumer. The JDK's selector itself looks each ready descriptor up by its boxed number: for
 *       descriptors beyond the {@link Integer} cache (127 by default) that is 16 bytes per ready key
 *       and wait, unless the JVM runs with {@code -XX:AutoBoxCacheMax=} the open-file limit.</li>
 *   <li>The selector's premature-return bug is watched by a {@link SelectorSpinDetector}: when it
 *       fires, every registration moves to a new selector and the old one is closed.</li>
 *   <li>A {@link #wakeup()} is sticky across a rebuild: one that reached the old selector is passed
 *       on to the new one.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * All methods but {@link #wakeup()} MUST be called on the owning loop thread. {@link #wakeup()} is
 * safe from any thread, also during a rebuild and after {@link #close()}: the selector it wakes is
 * read from a volatile field that only the loop thread replaces.
 */
public final class NioPoller implements Poller {
    private static final System.Logger LOG = System.getLogger(NioPoller.class.getName());

    private final SelectorSpinDetector spinDetector;
    private final AtomicBoolean wakeupRequested = new AtomicBoolean();
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    /** Written by the loop thread ({@link #rebuildSelector()}), read by {@link #wakeup()} on any thread. */
    private volatile Selector selector;
    private SelectionKey[] keys = new SelectionKey[64];
    private int rebuilds;
    /** The handler of the {@link #poll} in progress, for {@link #dispatch}; null between polls. */
    private ReadyHandler handler;
    private int reported;

    NioPoller(int spinThreshold) throws IOException {
        this.selector = Selector.open();
        this.spinDetector = new SelectorSpinDetector(spinThreshold);
    }

    @Override
    public void register(SelectableChannel channel, int token, int interest) throws IOException {
        Selector current = openSelector();
        RegistrationArguments.check(channel, token, interest);
        if (token >= keys.length) {
            keys = Arrays.copyOf(keys, Math.max(token + 1, keys.length * 2));
        }
        if (keys[token] != null && keys[token].isValid()) {
            throw new IllegalStateException("token " + token + " is already registered; deregister it first");
        }
        try {
            keys[token] = channel.register(current, toSelectionOps(interest), token);
        } catch (IllegalSelectorException e) {
            throw new IOException("the nio poller cannot watch a " + channel.getClass().getName()
                    + ": the JDK's selector takes only channels of its own provider", e);
        }
    }

    @Override
    public void modify(int token, int interest) throws IOException {
        Interest.validate(interest);
        openSelector();
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
        Selector current = openSelector();
        long start = System.nanoTime();
        int selected;
        this.handler = handler;
        this.reported = 0;
        try {
            if (timeoutNanos == 0) {
                selected = current.selectNow(dispatch);
            } else if (timeoutNanos < 0) {
                selected = current.select(dispatch);
            } else {
                // Round up: returning before a timer's deadline would make the loop spin until it.
                long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
                selected = current.select(dispatch, millis);
            }
        } finally {
            this.handler = null;
        }
        boolean wokenUp = wakeupRequested.getAndSet(false);
        if (spinDetector.onWait(timeoutNanos, System.nanoTime() - start, selected, wokenUp)) {
            rebuildSelector();
        }
        return reported;
    }

    /** Reports one selected key to the handler of the poll in progress. */
    private void dispatch(SelectionKey key) {
        int readyOps;
        try {
            // A key cancelled during this wait (by the handler, or by a close on another thread) is
            // still offered by the selector until its next wait.
            if (!key.isValid()) {
                return;
            }
            readyOps = fromSelectionOps(key.readyOps());
        } catch (CancelledKeyException e) {
            return;
        }
        reported++;
        handler.onReady((Integer) key.attachment(), readyOps);
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
     * so that tests can show registrations and wake-ups survive it.
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
        // A wakeup() that read the old selector before the line above set the flag first: pass it on
        // (both are volatile, so either it saw the fresh selector or this sees its flag).
        if (wakeupRequested.get()) {
            fresh.wakeup();
        }
        rebuilds++;
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the replaced selector failed: " + e.getMessage());
        }
        LOG.log(Level.WARNING, "replaced a selector that kept returning early without events (rebuild "
                + rebuilds + "); this is a known JDK/kernel problem, not a Pollen error");
    }

    private Selector openSelector() throws IOException {
        Selector current = selector;
        if (!current.isOpen()) {
            throw new IOException("this nio poller is closed; open a new one");
        }
        return current;
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
