package io.pollen.reactor;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A plain {@link Selector} poller, so that the engine's tests in this module run over real loopback
 * sockets: the backends live in modules that reactor-api's tests cannot see. It has none of the nio
 * backend's care (no spin detection, a map instead of an array); it only has to be right.
 */
final class SelectorTestPoller implements Poller {
    /** Pollen's bits and the selector's, side by side. */
    private static final int[][] BITS = {
        {Interest.READ, SelectionKey.OP_READ},
        {Interest.WRITE, SelectionKey.OP_WRITE},
        {Interest.ACCEPT, SelectionKey.OP_ACCEPT},
        {Interest.CONNECT, SelectionKey.OP_CONNECT},
    };

    private final Selector selector;
    private final Map<Integer, SelectionKey> keys = new HashMap<>();

    private SelectorTestPoller() throws IOException {
        selector = Selector.open();
    }

    /**
     * Starts a reactor whose loops each wait on one of these pollers.
     *
     * @param builder the settings (its backend is ignored)
     * @return the running reactor; shut it down
     */
    static Reactor startReactor(ReactorBuilder builder) {
        return TestBackend.start(builder, "test-selector", SelectorTestPoller::open);
    }

    static SelectorTestPoller open() throws IOException {
        return new SelectorTestPoller();
    }

    @Override
    public void register(SelectableChannel channel, int token, int interest) throws IOException {
        keys.put(token, channel.register(selector, convert(interest, 0, 1), token));
    }

    @Override
    public void modify(int token, int interest) {
        keys.get(token).interestOps(convert(interest, 0, 1));
    }

    @Override
    public void deregister(int token) {
        SelectionKey key = keys.remove(token);
        if (key != null) {
            key.cancel();
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
        Consumer<SelectionKey> report = key -> handler.onReady((Integer) key.attachment(), convert(key.readyOps(), 1, 0));
        if (timeoutNanos == 0) {
            return selector.selectNow(report);
        }
        // Rounded up: waking before a timer is due would make the loop spin until it is.
        return selector.select(report, timeoutNanos < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new IllegalStateException("closing the test selector failed", e);
        }
    }

    private static int convert(int bits, int from, int to) {
        int converted = 0;
        for (int[] pair : BITS) {
            if ((bits & pair[from]) != 0) {
                converted |= pair[to];
            }
        }
        return converted;
    }
}
