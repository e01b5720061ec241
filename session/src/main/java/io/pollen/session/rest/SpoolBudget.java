package io.pollen.session.rest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that all live spool files of a gateway may hold together, so that large bodies cannot fill
 * the disk: a body is spooled only within what is left, and its share comes back when its file is
 * closed (and thereby deleted).
 *
 * <p>Safe from any thread; lock-free.
 */
final class SpoolBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /**
     * @param limit the most bytes live spool files may hold together
     */
    SpoolBudget(long limit) {
        this.limit = limit;
    }

    /**
     * @param bytes how many more bytes a spool file needs
     * @return true if they were reserved, false if they would pass the limit (nothing reserved)
     */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (bytes > limit - current) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    /** @param bytes a share reserved earlier, given back */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** @return the bytes reserved now */
    long used() {
        return used.get();
    }

    /** @return the most bytes live spool files may hold together */
    long limit() {
        return limit;
    }
}
