package io.pollen.session.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Puts a deadline on the gateway's blocking reads of request bodies, which the JDK server's streams do
 * not have: a read still blocked at its deadline is cut off by interrupting its thread, which closes the
 * connection (its socket is an interruptible channel), so the read fails and the request thread is free.
 *
 * <p>One daemon thread per gateway looks at the reads in progress a few times per timeout. An interrupt
 * is only ever delivered while its read is in progress, under the read's lock, and cleared when the read
 * ends, so it never reaches anything the request thread does afterwards.
 *
 * <p>Safe from any thread; each {@link #read} is the calling thread's own.
 */
final class ReadWatchdog implements AutoCloseable {
    private final Set<GuardedRead> inProgress = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /**
     * @param timeout the shortest deadline it will be asked to keep; it looks this often, divided by four
     * @param name    the watchdog thread's name
     */
    ReadWatchdog(Duration timeout, String name) {
        long tick = Math.max(10, Math.min(500, timeout.toMillis() / 4));
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            // A gateway someone forgot to close must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::expireOverdue, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads like {@link InputStream#read(byte[], int, int)}, but gives up at the deadline.
     *
     * @param in            the stream
     * @param buffer        where to put the bytes
     * @param offset        where in {@code buffer}
     * @param length        at most this many
     * @param deadlineNanos the {@link System#nanoTime()} by which some bytes (or the end) must come
     * @param what          what is read, for the message of a timeout
     * @return the bytes read, or -1 at the end of the stream
     * @throws InterruptedIOException if the deadline passed first; the connection is then closed
     * @throws IOException            if reading fails
     */
    int read(InputStream in, byte[] buffer, int offset, int length, long deadlineNanos, String what) throws IOException {
        GuardedRead read = new GuardedRead(Thread.currentThread(), deadlineNanos);
        inProgress.add(read);
        IOException failure = null;
        int count = -1;
        try {
            count = in.read(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
        } finally {
            inProgress.remove(read);
        }
        if (read.end()) {
            InterruptedIOException timeout = new InterruptedIOException(what + " did not arrive in time; the "
                    + "connection was closed");
            if (failure != null) {
                timeout.initCause(failure);
            }
            throw timeout;
        }
        if (failure != null) {
            throw failure;
        }
        return count;
    }

    /**
     * Runs {@code action} (which may block reading, like the JDK server's discarding of an unread body
     * when an answer or exchange is closed) with a deadline, cutting it off as {@link #read} does.
     *
     * @param action        what to run
     * @param deadlineNanos when to cut it off
     * @return true if it was cut off (whatever it threw then is dropped: the connection is closed)
     * @throws IOException what {@code action} threw, if it was not cut off
     */
    boolean run(BlockingAction action, long deadlineNanos) throws IOException {
        GuardedRead read = new GuardedRead(Thread.currentThread(), deadlineNanos);
        inProgress.add(read);
        IOException failure = null;
        try {
            action.run();
        } catch (IOException e) {
            failure = e;
        } finally {
            inProgress.remove(read);
        }
        if (read.end()) {
            return true;
        }
        if (failure != null) {
            throw failure;
        }
        return false;
    }

    /** Work that may block on the connection's input. */
    @FunctionalInterface
    interface BlockingAction {
        void run() throws IOException;
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (GuardedRead read : inProgress) {
            read.expireIfDue(now);
        }
    }

    /** Stops the watchdog thread; reads in progress are no longer cut off. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One read in progress on one thread. */
    private static final class GuardedRead {
        private final Thread reader;
        private final long deadlineNanos;
        private boolean reading = true;
        private boolean expired;

        GuardedRead(Thread reader, long deadlineNanos) {
            this.reader = reader;
            this.deadlineNanos = deadlineNanos;
        }

        synchronized void expireIfDue(long now) {
            if (reading && !expired && now - deadlineNanos >= 0) {
                expired = true;
                reader.interrupt();
            }
        }

        /** @return true if the read was cut off; the interrupt it got is then cleared */
        synchronized boolean end() {
            reading = false;
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        }
    }
}
