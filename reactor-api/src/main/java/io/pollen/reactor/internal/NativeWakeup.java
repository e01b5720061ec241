package io.pollen.reactor.internal;

import java.util.function.IntUnaryOperator;

/**
 * The descriptor (an eventfd) a native poller is woken through, with the lifecycle rule that makes
 * {@link #wakeup()} safe from any thread: a wake-up and the close are serialised, so a wake-up can
 * never write to a descriptor number that the close has already handed back to the kernel (and that
 * may by then belong to another file).
 *
 * <p>{@link #wakeup()} and {@link #close()} are safe from any thread; the rest is read-only.
 */
public final class NativeWakeup {
    private final int fd;
    private final IntUnaryOperator signal;
    private final IntUnaryOperator close;
    private final Object lock = new Object();
    private volatile boolean closed;

    /**
     * @param fd     the wake-up descriptor, owned from now on
     * @param signal signals it (returns 0 or a negative errno, which a wake-up ignores: the loop is
     *               being woken anyway, or the descriptor's counter is already non-zero)
     * @param close  closes it
     */
    public NativeWakeup(int fd, IntUnaryOperator signal, IntUnaryOperator close) {
        this.fd = fd;
        this.signal = signal;
        this.close = close;
    }

    /** @return the descriptor, for registering with the mechanism */
    public int fd() {
        return fd;
    }

    /** Wakes the poller, unless it is closed. Safe from any thread. */
    public void wakeup() {
        synchronized (lock) {
            if (!closed) {
                signal.applyAsInt(fd);
            }
        }
    }

    /**
     * Closes the descriptor once.
     *
     * @return true the first time, when the caller should release the poller's other resources too
     */
    public boolean close() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        close.applyAsInt(fd);
        return true;
    }

    /** @return true once closed */
    public boolean isClosed() {
        return closed;
    }
}
