package io.pollen.reactor.epoll;

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
 * A {@link Poller} over one level-triggered {@code epoll(7)} instance: the wait costs O(ready
 * descriptors), whatever the number registered.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Tokens are non-negative; the poller keeps per-token state in arrays indexed by token, sized
 *       by the largest token seen (the engine's tokens are small, reused slot numbers).</li>
 *   <li>{@link Interest#ACCEPT} is watched as {@code EPOLLIN}, {@link Interest#CONNECT} as
 *       {@code EPOLLOUT}. {@code EPOLLRDHUP} is requested with reads and reported as readable, so the
 *       engine drains what is left and reads the end of stream before it closes.</li>
 *   <li>A registration whose interest is {@link Interest#NONE} leaves the epoll set: the kernel
 *       reports hang-ups even to registrations that asked for nothing, which would wake the loop
 *       forever.</li>
 *   <li>Wake-ups go through an eventfd, so a {@link #wakeup()} before {@link #poll} makes that poll
 *       return at once; the eventfd is drained in C and never reported.</li>
 *   <li>One wait reports at most {@value #MAX_EVENTS} registrations; others stay ready and are
 *       reported by the next wait.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method but {@link #wakeup()} MUST be called on the owning loop thread; {@link #wakeup()} is
 * safe from any thread, also during or after {@link #close()}.
 */
public final class EpollPoller implements Poller {
    static final int MAX_EVENTS = 1024;
    private static final int NO_FD = -1;
    private static final int READY_PAIR_BYTES = 2 * Integer.BYTES; // (token, ops); keep in sync with epoll.c

    private final int epfd;
    private final NativeWakeup wakeup;
    private final ByteBuffer ready;
    private final long eventsAddress;
    private final long readyAddress;
    // The epoll_event array is only touched by C; this reference keeps its memory alive.
    private final ByteBuffer events;

    private int[] fdByToken = filled(64);
    private int[] interestByToken = new int[64];

    /**
     * Opens an epoll instance and its wake-up eventfd.
     *
     * @throws IOException          if the system refuses either
     * @throws UnsatisfiedLinkError if the backend is unavailable, carrying {@link Epoll#unavailabilityCause()}
     */
    public EpollPoller() throws IOException {
        Epoll.ensureAvailability();
        events = ByteBuffer.allocateDirect(MAX_EVENTS * EpollNative.epollEventSize()).order(ByteOrder.nativeOrder());
        ready = ByteBuffer.allocateDirect(MAX_EVENTS * READY_PAIR_BYTES).order(ByteOrder.nativeOrder());
        eventsAddress = EpollNative.bufferAddress(events);
        readyAddress = EpollNative.bufferAddress(ready);
        epfd = EpollNative.epollCreate();
        int wake = -1;
        try {
            wake = EpollNative.eventFdOpen();
            EpollNative.epollAddWakeup(epfd, wake);
        } catch (IOException e) {
            if (wake >= 0) {
                EpollNative.close(wake);
            }
            EpollNative.close(epfd);
            throw e;
        }
        wakeup = new NativeWakeup(wake, EpollNative::eventFdSignal, EpollNative::close);
    }

    @Override
    public void register(SelectableChannel channel, int token, int interest) throws IOException {
        ensureOpen();
        RegistrationArguments.check(channel, token, interest);
        if (token < fdByToken.length && fdByToken[token] != NO_FD) {
            throw new IllegalStateException("token " + token + " is already registered; deregister it first");
        }
        int fd = EpollNative.channelFd(channel);
        if (interest != Interest.NONE) {
            EpollNative.epollAdd(epfd, fd, token, interest);
        }
        ensureCapacity(token);
        fdByToken[token] = fd;
        interestByToken[token] = interest;
    }

    @Override
    public void modify(int token, int interest) throws IOException {
        Interest.validate(interest);
        ensureOpen();
        int fd = registeredFd(token);
        int old = interestByToken[token];
        if (old == interest) {
            return;
        }
        if (old == Interest.NONE) {
            EpollNative.epollAdd(epfd, fd, token, interest);
        } else if (interest == Interest.NONE) {
            EpollNative.epollDelete(epfd, fd);
        } else {
            EpollNative.epollModify(epfd, fd, token, interest);
        }
        interestByToken[token] = interest;
    }

    @Override
    public void deregister(int token) throws IOException {
        ensureOpen();
        if (token < 0 || token >= fdByToken.length || fdByToken[token] == NO_FD) {
            return;
        }
        int fd = fdByToken[token];
        fdByToken[token] = NO_FD;
        if (interestByToken[token] != Interest.NONE) {
            interestByToken[token] = Interest.NONE;
            EpollNative.epollDelete(epfd, fd);
        }
    }

    @Override
    public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
        ensureOpen();
        int count = EpollNative.epollWait(epfd, eventsAddress, MAX_EVENTS, WaitTimeouts.millisRoundedUp(timeoutNanos), wakeup.fd(),
                readyAddress);
        for (int i = 0, offset = 0; i < count; i++, offset += READY_PAIR_BYTES) {
            handler.onReady(ready.getInt(offset), ready.getInt(offset + Integer.BYTES));
        }
        return count;
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
        EpollNative.close(epfd);
    }

    @Override
    public String toString() {
        return "EpollPoller[epfd=" + epfd + (wakeup.isClosed() ? ", closed]" : "]");
    }

    private int registeredFd(int token) {
        if (token < 0 || token >= fdByToken.length || fdByToken[token] == NO_FD) {
            throw new IllegalArgumentException("token " + token + " is not registered");
        }
        return fdByToken[token];
    }

    private void ensureOpen() throws IOException {
        if (wakeup.isClosed()) {
            throw new IOException("this epoll poller is closed; open a new one");
        }
    }

    private void ensureCapacity(int token) {
        if (token >= fdByToken.length) {
            int length = Math.max(token + 1, fdByToken.length * 2);
            int from = fdByToken.length;
            fdByToken = Arrays.copyOf(fdByToken, length);
            Arrays.fill(fdByToken, from, length, NO_FD);
            interestByToken = Arrays.copyOf(interestByToken, length);
        }
    }

    private static int[] filled(int length) {
        int[] array = new int[length];
        Arrays.fill(array, NO_FD);
        return array;
    }
}
