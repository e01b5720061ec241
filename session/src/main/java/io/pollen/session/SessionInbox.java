package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.Connection;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one sequential session between its loop thread, which {@link #offer}s them as they
 * are decoded, and the session's own thread, which {@link #take}s them. Bounded by pausing the
 * connection's reads: when an offer fills it to its capacity, reads stop; when a take brings it down
 * to half the capacity, reads resume. Messages completed by the read that filled it are still
 * accepted (bytes not taken from a read are gone), so it holds at most its capacity plus one read's
 * messages.
 *
 * <h2>Threading</h2>
 * {@link #offer} and {@link #close} run on the connection's loop thread; {@link #take} and
 * {@link #size} on any thread (the session's own, in practice). Reads are paused and resumed only on the
 * loop thread, where the decision is taken from the inbox as it is then: a resume decided on the
 * session's thread is re-checked on the loop, so it cannot undo a pause that happened in between.
 * A {@link ReentrantLock} rather than {@code synchronized}, so that a waiting virtual thread does not
 * pin its carrier (Java 21 to 23).
 */
final class SessionInbox {
    private final Connection connection;
    private final int capacity;
    private final int resumeAt;
    private final ArrayDeque<JsonMessage> messages = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();

    // Guarded by lock.
    private boolean readsPaused;
    private boolean resumeScheduled;
    private boolean closed;

    /**
     * @param connection the connection whose reads this inbox pauses
     * @param capacity   messages at which reads pause, at least 1
     */
    SessionInbox(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.resumeAt = capacity / 2;
    }

    /** Queues a decoded message and pauses reads if that fills the inbox. Loop thread. */
    void offer(JsonMessage message) {
        boolean pause = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            messages.addLast(message);
            if (messages.size() >= capacity && !readsPaused) {
                readsPaused = true;
                pause = true;
            }
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (pause) {
            connection.setReadEnabled(false);
        }
    }

    /**
     * Takes the next message, waiting at most {@code timeoutNanos} (negative: without limit).
     *
     * @return the message, or null if the inbox is closed and empty, or the time ran out
     * @throws InterruptedException if interrupted while waiting
     */
    JsonMessage take(long timeoutNanos) throws InterruptedException {
        JsonMessage message;
        boolean scheduleResume = false;
        lock.lockInterruptibly();
        try {
            long remaining = timeoutNanos;
            while (messages.isEmpty()) {
                if (closed) {
                    return null;
                }
                if (timeoutNanos < 0) {
                    notEmpty.await();
                } else if (remaining <= 0) {
                    return null;
                } else {
                    remaining = notEmpty.awaitNanos(remaining);
                }
            }
            message = messages.pollFirst();
            if (readsPaused && !resumeScheduled && messages.size() <= resumeAt) {
                resumeScheduled = true;
                scheduleResume = true;
            }
        } finally {
            lock.unlock();
        }
        if (scheduleResume) {
            scheduleResume();
        }
        return message;
    }

    private void scheduleResume() {
        try {
            connection.loop().execute(this::resumeIfDrained);
        } catch (RejectedExecutionException loopEnded) {
            // The loop has stopped and closed the connection: nothing is left to read.
        }
    }

    /** Loop thread: resumes reads unless an offer since the decision has filled the inbox again. */
    private void resumeIfDrained() {
        boolean resume = false;
        lock.lock();
        try {
            resumeScheduled = false;
            if (readsPaused && !closed && messages.size() <= resumeAt) {
                readsPaused = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            connection.setReadEnabled(true);
        }
    }

    /** The session closed: no more messages come; takers get what is left, then null. Loop thread. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return messages waiting; any thread */
    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }
}
