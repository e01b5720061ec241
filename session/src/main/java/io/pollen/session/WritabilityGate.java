package io.pollen.session;

import io.pollen.reactor.Connection;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a sequential session's sending thread waits while its connection is above the write high water
 * mark. The loop thread opens the gate on a writability event or a close.
 *
 * <p>A waiter's own write may still be travelling to the loop when it finds the connection unwritable,
 * and a flush that brings the count down before that write is queued raises no event (the connection
 * never looked unwritable to the loop). So every wait first sends a probe through the loop's task
 * queue, behind the waiter's writes: when it runs, the connection is either writable (the probe opens
 * the gate) or unwritable as the loop sees it, and its writability event is then sure to come.
 *
 * <h2>Threading</h2>
 * {@link #awaitWritable()} on the sending thread; {@link #open()} on any thread (the loop's, in
 * practice). A {@link ReentrantLock}, so that a waiting virtual thread does not pin its carrier.
 */
final class WritabilityGate {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Bumped on every opening; a waiter waits for it to move past what it saw. Guarded by lock. */
    private long openings;

    WritabilityGate(Connection connection) {
        this.connection = connection;
    }

    /**
     * Waits until the connection is writable or closed.
     *
     * @return false if interrupted while waiting (the interrupt status is set again), true otherwise
     */
    boolean awaitWritable() {
        while (connection.isOpen() && !connection.isWritable()) {
            long seen;
            lock.lock();
            try {
                seen = openings;
            } finally {
                lock.unlock();
            }
            try {
                connection.loop().execute(this::probe);
            } catch (RejectedExecutionException loopEnded) {
                return true; // the connection is closed with its loop; the write will say so
            }
            lock.lock();
            try {
                while (openings == seen) {
                    changed.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** Loop thread, behind the waiter's writes: open if writable or closed now, else an event will. */
    private void probe() {
        if (!connection.isOpen() || connection.isWritable()) {
            open();
        }
    }

    /** Wakes every waiter to look again: writability came back, or the session closed. Any thread. */
    void open() {
        lock.lock();
        try {
            openings++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
