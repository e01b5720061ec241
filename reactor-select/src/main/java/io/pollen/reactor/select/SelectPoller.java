package io.pollen.reactor.select;

import io.pollen.reactor.internal.NativeIo;
import io.pollen.reactor.internal.NativePoller;
import io.pollen.reactor.internal.ReadyList;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A {@link Poller} over {@code select(2)}: two {@code fd_set} bitmaps copied and handed to the kernel
 * on every wait, then scanned up to the highest registered descriptor. A wait costs O(highest
 * descriptor), and no descriptor at or above {@value Select#FD_SETSIZE} can be watched at all.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>{@link #register} of a descriptor numbered {@value Select#FD_SETSIZE} or above throws
 *       {@link FdLimitExceededException} (a {@link io.pollen.reactor.spi.PollerCapacityException})
 *       naming the descriptor, the limit and the remedy; nothing is registered and every other
 *       registration keeps working. {@code FD_SET} is never called out of bounds (the C side checks
 *       again).</li>
 *   <li>Tokens are non-negative; per-token state lives in arrays sized by the largest token seen.</li>
 *   <li>{@link Interest#ACCEPT} is watched as readability, {@link Interest#CONNECT} as writability.
 *       select has no separate error report: a socket with a pending error is readable and writable,
 *       so it is reported with every interested bit. {@link Interest#NONE} clears the descriptor from
 *       both sets.</li>
 *   <li>The wake-up eventfd sits in the read set: a {@link #wakeup()} before {@link #poll} makes that
 *       poll return at once; the eventfd is drained in C and never reported.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method but {@link #wakeup()} MUST be called on the owning loop thread; {@link #wakeup()} is
 * safe from any thread, also during or after {@link #close()}.
 */
public final class SelectPoller extends NativePoller {
    private static final int NONE = -1;

    // The fd_sets are only touched by C; this reference keeps their memory alive.
    private final ByteBuffer sets;
    private final long setsAddress;
    // select.c writes (fd, bits) pairs, resolved through the per-descriptor arrays below.
    private final ReadyList ready = new ReadyList(Select.FD_SETSIZE);
    private final int[] tokenByFd = new int[Select.FD_SETSIZE];
    private final int[] interestByFd = new int[Select.FD_SETSIZE];

    private int maxFd;

    /**
     * Opens the wake-up eventfd and the poller's {@code fd_set}s.
     *
     * @throws FdLimitExceededException if the eventfd itself is numbered beyond {@code FD_SETSIZE}
     *                                  (the process already holds too many descriptors for select)
     * @throws IOException              if the system refuses the eventfd
     * @throws UnsatisfiedLinkError     if the backend is unavailable, carrying why
     */
    public SelectPoller() throws IOException {
        super(BackendAliases.SELECT, Select.AVAILABILITY);
        sets = ByteBuffer.allocateDirect(SelectNative.fdSetsBytes());
        setsAddress = NativeIo.bufferAddress(sets);
        Arrays.fill(tokenByFd, NONE);
        maxFd = wakeupFd();
        if (maxFd >= Select.FD_SETSIZE) {
            close();
            throw new FdLimitExceededException(maxFd, Select.FD_SETSIZE);
        }
        SelectNative.fdSetUpdate(setsAddress, maxFd, Interest.READ);
    }

    @Override
    protected void watch(int token, int fd, int interest) throws IOException {
        if (fd >= Select.FD_SETSIZE) {
            throw new FdLimitExceededException(fd, Select.FD_SETSIZE);
        }
        SelectNative.fdSetUpdate(setsAddress, fd, interest);
        tokenByFd[fd] = token;
        interestByFd[fd] = interest;
        maxFd = Math.max(maxFd, fd);
    }

    @Override
    protected void changeInterest(int token, int fd, int oldInterest, int interest) throws IOException {
        SelectNative.fdSetUpdate(setsAddress, fd, interest);
        interestByFd[fd] = interest;
    }

    @Override
    protected void unwatch(int token, int fd, int interest) throws IOException {
        SelectNative.fdSetUpdate(setsAddress, fd, Interest.NONE);
        tokenByFd[fd] = NONE;
        interestByFd[fd] = Interest.NONE;
        while (maxFd > wakeupFd() && tokenByFd[maxFd] == NONE) {
            maxFd--;
        }
    }

    @Override
    protected int waitAndReport(int timeoutMillis, ReadyHandler handler) throws IOException {
        int found = SelectNative.select(setsAddress, maxFd, timeoutMillis, wakeupFd(), ready.address());
        return ready.dispatch(found, tokenByFd, interestByFd, handler);
    }

    @Override
    public String toString() {
        return "SelectPoller[maxFd=" + maxFd + (isClosed() ? ", closed]" : "]");
    }
}
