package io.pollen.reactor.epoll;

import io.pollen.reactor.internal.NativeIo;

import java.io.IOException;

/**
 * The JNI calls of the epoll backend, each native {@code xxx0} method wrapped by a Java method that
 * turns the C side's {@code -errno} into an {@link IOException} naming the system call. The calls
 * every backend shares (eventfd, close, descriptor numbers, buffer addresses) are in
 * {@link NativeIo}, which this library's {@code JNI_OnLoad} binds too.
 *
 * <p>Keep in sync with {@code src/main/c/epoll.c}: its {@code JNINativeMethod} table binds these
 * declarations by name and signature. Threading: stateless; callers own the descriptors they pass.
 */
final class EpollNative {
    /** The library's base name; keep in sync with {@code pollen.native.library} in this module's pom. */
    static final String LIBRARY = "pollen_epoll";

    private EpollNative() {
    }

    static int epollCreate() throws IOException {
        return NativeIo.check(epollCreate0(), "epoll_create1");
    }

    static int epollEventSize() {
        return epollEventSize0();
    }

    static void epollAddWakeup(int epfd, int wakeFd) throws IOException {
        NativeIo.check(epollAddWakeup0(epfd, wakeFd), "epoll_ctl(EPOLL_CTL_ADD) of the wake-up eventfd");
    }

    static void epollAdd(int epfd, int fd, int token, int interest) throws IOException {
        checkControl(epollAdd0(epfd, fd, token, interest), "EPOLL_CTL_ADD", fd);
    }

    static void epollModify(int epfd, int fd, int token, int interest) throws IOException {
        checkControl(epollModify0(epfd, fd, token, interest), "EPOLL_CTL_MOD", fd);
    }

    /** Succeeds quietly when the descriptor has already left the set (it was closed first). */
    static void epollDelete(int epfd, int fd) throws IOException {
        checkControl(epollDelete0(epfd, fd), "EPOLL_CTL_DEL", fd);
    }

    static int epollWait(int epfd, long eventsAddress, int maxEvents, int timeoutMillis, int wakeFd,
                         long readyAddress) throws IOException {
        return NativeIo.check(epollWait0(epfd, eventsAddress, maxEvents, timeoutMillis, wakeFd, readyAddress),
                "epoll_wait");
    }

    /** Builds the message only on failure: control calls run for every interest change. */
    private static void checkControl(int result, String operation, int fd) throws IOException {
        if (result < 0) {
            throw NativeIo.failure("epoll_ctl(" + operation + ") of fd " + fd, result);
        }
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
}
