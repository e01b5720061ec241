package io.pollen.reactor.internal;

import io.pollen.reactor.spi.ReadyHandler;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * What one wait of a native poller found, and its delivery to the {@link ReadyHandler}, in two steps.
 * The C side writes {@code (key, bits)} int pairs into a direct buffer at {@link #address()}; then
 * one of the {@code dispatch} methods resolves every pair into {@code (token, ops)} in Java arrays,
 * and only then calls the handler once per entry.
 *
 * <p>Resolving everything before the first callback is the point: the handler may deregister (which
 * moves poll's entries), register (which reuses select's descriptor numbers and may grow poll's
 * arrays, this list included) or modify, and none of that may change what this wait reports.
 *
 * <p>The pair layout is {@link #PAIR_BYTES} bytes, key first, in native byte order; keep in sync with
 * {@code pollen_ready_put} in {@code native/include/pollen_native.h}.
 *
 * <p>Not thread-safe: owned by one poller and used on its loop thread only. A wait allocates nothing.
 */
public final class ReadyList {
    /** Bytes of one {@code (key, bits)} pair as C writes it. */
    public static final int PAIR_BYTES = 2 * Integer.BYTES;

    private final ToLongFunction<ByteBuffer> addressOf;
    private ByteBuffer pairs;
    private long address;
    private int[] tokens = new int[0];
    private int[] ops = new int[0];

    /**
     * @param capacity the most pairs one wait may write
     */
    public ReadyList(int capacity) {
        this(capacity, NativeIo::bufferAddress);
    }

    /** For tests, which run without a native library: {@code addressOf} stands in for JNI. */
    ReadyList(int capacity, ToLongFunction<ByteBuffer> addressOf) {
        this.addressOf = addressOf;
        ensureCapacity(capacity);
    }

    /** @return the address C writes pairs at; changes when the list grows */
    public long address() {
        return address;
    }

    /** @return the most pairs one wait may write */
    public int capacity() {
        return tokens.length;
    }

    /**
     * Grows to hold {@code capacity} pairs, keeping what the current wait resolved, so that a handler
     * may trigger growth while it is being called.
     *
     * @param capacity the most pairs the next wait may write
     */
    public void ensureCapacity(int capacity) {
        if (capacity <= tokens.length) {
            return;
        }
        pairs = ByteBuffer.allocateDirect(capacity * PAIR_BYTES).order(ByteOrder.nativeOrder());
        address = addressOf.applyAsLong(pairs);
        tokens = Arrays.copyOf(tokens, capacity);
        ops = Arrays.copyOf(ops, capacity);
    }

    /**
     * Delivers pairs that are {@code (token, ops)} already (epoll keeps both in the kernel's event).
     *
     * @param found   how many pairs the wait wrote
     * @param handler receives each
     * @return how many were delivered: {@code found}
     */
    public int dispatch(int found, ReadyHandler handler) {
        for (int i = 0, offset = 0; i < found; i++, offset += PAIR_BYTES) {
            tokens[i] = pairs.getInt(offset);
            ops[i] = pairs.getInt(offset + Integer.BYTES);
        }
        return deliver(found, handler);
    }

    /**
     * Delivers pairs whose key indexes the poller's own tables (poll: an entry index; select: a
     * descriptor number) and whose bits are readiness as interest bits, not yet masked: the token is
     * {@code tokenByKey[key]}, the ops are {@code bits & interestByKey[key]}, and a pair left with no
     * ops is dropped.
     *
     * @param found         how many pairs the wait wrote
     * @param tokenByKey    the token of each key
     * @param interestByKey the interest of each key, 0 where nothing is registered
     * @param handler       receives each entry left
     * @return how many were delivered
     */
    public int dispatch(int found, int[] tokenByKey, int[] interestByKey, ReadyHandler handler) {
        int resolved = 0;
        for (int i = 0, offset = 0; i < found; i++, offset += PAIR_BYTES) {
            int key = pairs.getInt(offset);
            int readyOps = pairs.getInt(offset + Integer.BYTES) & interestByKey[key];
            if (readyOps != 0) {
                tokens[resolved] = tokenByKey[key];
                ops[resolved] = readyOps;
                resolved++;
            }
        }
        return deliver(resolved, handler);
    }

    private int deliver(int count, ReadyHandler handler) {
        for (int i = 0; i < count; i++) {
            // The fields on every turn, not locals: a handler may grow this list, which copies them.
            handler.onReady(tokens[i], ops[i]);
        }
        return count;
    }
}
