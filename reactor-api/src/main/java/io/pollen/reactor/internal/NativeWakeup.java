package io.pollen.reactor.internal;

import java.io.IOException;
import java.util.function.IntUnaryOperator;

/**
 * The eventfd a native poller is woken through, which also marks whether the poller is open: its
 * close is the poller's close. The lifecycle rule makes {@link #wakeup()} safe from any thread: a
 * wake-up and the close are serialised, so a wake-up can never write to a descriptor number that the
 * close has already handed back to the kernel (and that may by then belong to another file).
 *
 * <p>{@link #wakeup()} and {@link #close()} are safe from any thread; the rest is read-only.
 */
public final class NativeWakeup {
    private final String owner;
    private final int fd;
    private final IntUnaryOperator signal;
    private final IntUnaryOperator close;
    private final Object lock = new Object();
    private volatile boolean closed;

    /**
     * For tests, which run without a native library.
     *
     * @param owner  what the descriptor wakes, for messages, such as {@code "epoll poller"}
     * @param fd     the wake-up descriptor, owned from now on
     * @param signal signals it (returns 0 or a negative errno, which a wake-up ignores: the loop is
     *               being woken anyway, or the descriptor's counter is already non-zero)
     * @param close  closes it
     */
    NativeWakeup(String owner, int fd, IntUnaryOperator signal, IntUnaryOperator close) {
        this.owner = owner;
        this.fd = fd;
        this.signal = signal;
        this.close = close;
    }

    /**
     * Opens a new eventfd.
     *
     * @param owner what it wakes, for messages, such as {@code "epoll poller"}
     * @return the open wake-up
     * @throws IOException if the system refuses an eventfd
     */
    public static NativeWakeup open(String owner) throws IOException {
        return new NativeWakeup(owner, NativeIo.eventFdOpen(), NativeIo::eventFdSignal, NativeIo::close);
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

    /**
     * What every poller method but {@code wakeup} and {@code close} checks first.
     *
     * @throws IOException naming the owner, once closed
     */
    public void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("this " + owner + " is closed; open a new one");
        }
    }
}
