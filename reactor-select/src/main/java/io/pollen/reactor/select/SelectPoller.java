package io.pollen.reactor.select;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.internal.NativeWakeup;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;
import io.pollen.reactor.internal.RegistrationArguments;
import io.pollen.reactor.internal.WaitTimeouts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectableChannel;
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
public final class SelectPoller implements Poller {
    private static final int READY_PAIR_BYTES = 2 * Integer.BYTES; // (fd, bits); keep in sync with select.c
    private static final int NONE = -1;

    private final NativeWakeup wakeup;
    private final ByteBuffer sets;
    private final long setsAddress;
    private final ByteBuffer ready;
    private final long readyAddress;
    private final int[] tokenByFd = filled(Select.FD_SETSIZE);
    private final int[] readyTokens = new int[Select.FD_SETSIZE];
    private final int[] readyOps = new int[Select.FD_SETSIZE];

    private int maxFd;
    private int[] fdByToken = filled(64);
    private int[] interestByToken = new int[64];

    /**
     * Opens the wake-up eventfd and the poller's {@code fd_set}s.
     *
     * @throws FdLimitExceededException if the eventfd itself is numbered beyond {@code FD_SETSIZE}
     *                                  (the process already holds too many descriptors for select)
     * @throws IOException              if the system refuses the eventfd
     * @throws UnsatisfiedLinkError     if the backend is unavailable, carrying {@link Select#unavailabilityCause()}
     */
    public SelectPoller() throws IOException {
        Select.ensureAvailability();
        sets = ByteBuffer.allocateDirect(SelectNative.fdSetsBytes());
        setsAddress = SelectNative.bufferAddress(sets);
        ready = ByteBuffer.allocateDirect(Select.FD_SETSIZE * READY_PAIR_BYTES).order(ByteOrder.nativeOrder());
        readyAddress = SelectNative.bufferAddress(ready);
        int wakeFd = SelectNative.eventFdOpen();
        if (wakeFd >= Select.FD_SETSIZE) {
            SelectNative.close(wakeFd);
            throw new FdLimitExceededException(wakeFd, Select.FD_SETSIZE);
        }
        wakeup = new NativeWakeup(wakeFd, SelectNative::eventFdSignal, SelectNative::close);
        SelectNative.fdSetUpdate(setsAddress, wakeFd, Interest.READ);
        maxFd = wakeFd;
    }

    @Override
    public void register(SelectableChannel channel, int token, int interest) throws IOException {
        ensureOpen();
        RegistrationArguments.check(channel, token, interest);
        if (token < fdByToken.length && fdByToken[token] != NONE) {
            throw new IllegalStateException("token " + token + " is already registered; deregister it first");
        }
        int fd = SelectNative.channelFd(channel);
        if (fd >= Select.FD_SETSIZE) {
            throw new FdLimitExceededException(fd, Select.FD_SETSIZE);
        }
        SelectNative.fdSetUpdate(setsAddress, fd, interest);
        if (token >= fdByToken.length) {
            int from = fdByToken.length;
            int length = Math.max(token + 1, from * 2);
            fdByToken = Arrays.copyOf(fdByToken, length);
            Arrays.fill(fdByToken, from, length, NONE);
            interestByToken = Arrays.copyOf(interestByToken, length);
        }
        fdByToken[token] = fd;
        interestByToken[token] = interest;
        tokenByFd[fd] = token;
        maxFd = Math.max(maxFd, fd);
    }

    @Override
    public void modify(int token, int interest) throws IOException {
        Interest.validate(interest);
        ensureOpen();
        int fd = token >= 0 && token < fdByToken.length ? fdByToken[token] : NONE;
        if (fd == NONE) {
            throw new IllegalArgumentException("token " + token + " is not registered");
        }
        SelectNative.fdSetUpdate(setsAddress, fd, interest);
        interestByToken[token] = interest;
    }

    @Override
    public void deregister(int token) throws IOException {
        ensureOpen();
        int fd = token >= 0 && token < fdByToken.length ? fdByToken[token] : NONE;
        if (fd == NONE) {
            return;
        }
        SelectNative.fdSetUpdate(setsAddress, fd, Interest.NONE);
        fdByToken[token] = NONE;
        interestByToken[token] = Interest.NONE;
        tokenByFd[fd] = NONE;
        while (maxFd > wakeup.fd() && tokenByFd[maxFd] == NONE) {
            maxFd--;
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
        ensureOpen();
        int found = SelectNative.select(setsAddress, maxFd, WaitTimeouts.millisRoundedUp(timeoutNanos), wakeup.fd(), readyAddress);
        // Resolve every descriptor before calling the handler, which may deregister or reuse tokens.
        int reported = 0;
        for (int i = 0, offset = 0; i < found; i++, offset += READY_PAIR_BYTES) {
            int token = tokenByFd[ready.getInt(offset)];
            int ops = token == NONE ? 0 : ready.getInt(offset + Integer.BYTES) & interestByToken[token];
            if (ops != 0) {
                readyTokens[reported] = token;
                readyOps[reported] = ops;
                reported++;
            }
        }
        for (int i = 0; i < reported; i++) {
            handler.onReady(readyTokens[i], readyOps[i]);
        }
        return reported;
    }

    @Override
    public void wakeup() {
        wakeup.wakeup();
    }

    @Override
    public void close() {
        if (!wakeup.close()) {
            return;
        }
    }

    @Override
    public String toString() {
        return "SelectPoller[maxFd=" + maxFd + (wakeup.isClosed() ? ", closed]" : "]");
    }

    private void ensureOpen() throws IOException {
        if (wakeup.isClosed()) {
            throw new IOException("this select poller is closed; open a new one");
        }
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, NONE);
        return array;
    }
}
