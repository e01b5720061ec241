package io.pollen.reactor.epoll;

import io.pollen.reactor.internal.NativeLibraryLoader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * The JNI calls of the epoll backend, each native {@code xxx0} method wrapped by a Java method that
 * turns the C side's {@code -errno} into an {@link IOException} naming the system call.
 *
 * <p>Keep in sync with {@code src/main/c/epoll.c}: its {@code JNINativeMethod} table binds these
 * declarations by name and signature. Threading: stateless; callers own the descriptors they pass.
 */
final class EpollNative {
    /** The library's base name; the build and the loader add platform and architecture. */
    static final String LIBRARY = "pollen_epoll";

    private EpollNative() {
    }

    /** Loads the library; called once, by {@link Epoll}'s availability probe. */
    static void load() {
        NativeLibraryLoader.load(LIBRARY, EpollNative.class);
    }

    static int epollCreate() throws IOException {
        return check(epollCreate0(), "epoll_create1");
    }

    static int epollEventSize() {
        return epollEventSize0();
    }

    static void epollAddWakeup(int epfd, int wakeFd) throws IOException {
        check(epollAddWakeup0(epfd, wakeFd), "epoll_ctl(EPOLL_CTL_ADD) of the wake-up eventfd");
    }

    static void epollAdd(int epfd, int fd, int token, int interest) throws IOException {
        int result = epollAdd0(epfd, fd, token, interest);
        if (result < 0) {
            throw failure("epoll_ctl(EPOLL_CTL_ADD) of fd " + fd, result);
        }
    }

    static void epollModify(int epfd, int fd, int token, int interest) throws IOException {
        int result = epollModify0(epfd, fd, token, interest);
        if (result < 0) {
            throw failure("epoll_ctl(EPOLL_CTL_MOD) of fd " + fd, result);
        }
    }

    /** Succeeds quietly when the descriptor has already left the set (it was closed first). */
    static void epollDelete(int epfd, int fd) throws IOException {
        int result = epollDelete0(epfd, fd);
        if (result < 0) {
            throw failure("epoll_ctl(EPOLL_CTL_DEL) of fd " + fd, result);
        }
    }

    static int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis, int wakeFd,
                         long readyAddress) throws IOException {
        return check(epollWait0(epfd, eventsAddress, maxEvents, timeoutMillis, wakeFd, readyAddress), "epoll_wait");
    }

    static int eventFdOpen() throws IOException {
        return check(eventFdOpen0(), "eventfd");
    }

    /** Returns the negative errno instead of throwing: wake-ups come from any thread and must not fail it. */
    static int eventFdSignal(int fd) {
        return eventFdSignal0(fd);
    }

    static int close(int fd) {
        return close0(fd);
    }

    static int channelFd(SelectableChannel channel) throws IOException {
        int fd = channelFd0(channel);
        if (fd < 0) {
            throw failure("reading the descriptor number of " + channel.getClass().getName()
                    + " (expected a JDK socket channel with an int field fdVal)", fd);
        }
        return fd;
    }

    static long bufferAddress(ByteBuffer directBuffer) {
        long address = bufferAddress0(directBuffer);
        if (address <= 0) {
            throw new IllegalArgumentException("not a direct buffer: " + directBuffer);
        }
        return address;
    }

    static IOException failure(String call, int negativeErrno) {
        return new IOException(call + " failed: " + strerror0(-negativeErrno) + " (errno " + -negativeErrno + ")");
    }

    private static int check(int result, String call) throws IOException {
        if (result < 0) {
            throw failure(call, result);
        }
        return result;
    }

    // Keep in sync with the JNINativeMethod table of epoll.c.
    private static native int epollCreate0();

    private static native int epollEventSize0();

    private static native int epollAddWakeup0(int epfd, int wakeFd);

    private static native int epollAdd0(int epfd, int fd, int token, int interest);

    private static native int epollModify0(int epfd, int fd, int token, int interest);

    private static native int epollDelete0(int epfd, int fd);

    private static native int epollWait0(int epfd, long eventsAddress, int maxEvents, int timeoutMillis, int wakeFd,
                                         long readyAddress);

    private static native int eventFdOpen0();

    private static native int eventFdSignal0(int fd);

    private static native int close0(int fd);

    private static native int channelFd0(SelectableChannel channel);

    private static native long bufferAddress0(ByteBuffer buffer);

    private static native String strerror0(int errno);
}
