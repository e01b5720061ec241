package io.pollen.reactor.epoll;

import io.pollen.reactor.internal.NativeIo;
import io.pollen.reactor.internal.NativePoller;
import io.pollen.reactor.internal.ReadyList;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link Poller} over one level-triggered {@code epoll(7)} instance: the wait costs O(ready
 * descriptors), whatever the number registered.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>Tokens are non-negative; per-token state lives in arrays indexed by token, sized by the
 *       largest token seen (the engine's tokens are small, reused slot numbers). Each registration's
 *       {@code epoll_data} carries its token and interest, so a wait resolves nothing in Java.</li>
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
public final class EpollPoller extends NativePoller {
    static final int MAX_EVENTS = 1024;
    private static final int NO_FD = -1;

    // The epoll_event array is only touched by C; this reference keeps its memory alive.
    private final ByteBuffer events;
    private final long eventsAddress;
    private final ReadyList ready;
    private int epfd = NO_FD; // set once by the constructor, whose failure path closes through close()

    /**
     * Opens an epoll instance and its wake-up eventfd.
     *
     * @throws IOException          if the system refuses either
     * @throws UnsatisfiedLinkError if the backend is unavailable, carrying why
     */
    public EpollPoller() throws IOException {
        super(BackendAliases.EPOLL, Epoll.AVAILABILITY);
        events = ByteBuffer.allocateDirect(MAX_EVENTS * EpollNative.epollEventSize());
        eventsAddress = NativeIo.bufferAddress(events);
        ready = new ReadyList(MAX_EVENTS);
        try {
            epfd = EpollNative.epollCreate();
            EpollNative.epollAddWakeup(epfd, wakeupFd());
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    protected void watch(int token, int fd, int interest) throws IOException {
        // A registration with no interest stays out of the epoll set (see the class comment).
        if (interest != Interest.NONE) {
            EpollNative.epollAdd(epfd, fd, token, interest);
        }
    }

    @Override
    protected void changeInterest(int token, int fd, int oldInterest, int interest) throws IOException {
        if (oldInterest == Interest.NONE) {
            EpollNative.epollAdd(epfd, fd, token, interest);
        } else if (interest == Interest.NONE) {
            EpollNative.epollDelete(epfd, fd);
        } else {
            EpollNative.epollModify(epfd, fd, token, interest);
        }
    }

    @Override
    protected void unwatch(int token, int fd, int interest) throws IOException {
        if (interest != Interest.NONE) {
            EpollNative.epollDelete(epfd, fd);
        }
    }

    @Override
    protected int waitAndReport(int timeoutMillis, ReadyHandler handler) throws IOException {
        int found = EpollNative.epollWait(epfd, eventsAddress, MAX_EVENTS, timeoutMillis, wakeupFd(), ready.address());
        return ready.dispatch(found, handler);
    }

    @Override
    protected void releaseMechanism() {
        if (epfd != NO_FD) {
            NativeIo.close(epfd);
        }
    }

    @Override
    public String toString() {
        return "EpollPoller[epfd=" + epfd + (isClosed() ? ", closed]" : "]");
    }
}
