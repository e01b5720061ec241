package io.pollen.reactor.select;

import io.pollen.reactor.internal.NativeIo;

import java.io.IOException;

/**
 * The JNI calls of the select backend, each native {@code xxx0} method wrapped by a Java method that
 * turns the C side's {@code -errno} into an {@link IOException} naming the system call. The calls
 * every backend shares (eventfd, close, descriptor numbers, buffer addresses) are in
 * {@link NativeIo}, which this library's {@code JNI_OnLoad} binds too.
 *
 * <p>Keep in sync with {@code src/main/c/select.c}: its {@code JNINativeMethod} table binds these
 * declarations by name and signature. Threading: stateless; callers own the descriptors they pass.
 */
final class SelectNative {
    /** The library's base name; keep in sync with {@code pollen.native.library} in this module's pom. */
    static final String LIBRARY = "pollen_select";

    private SelectNative() {
    }

    /** The {@code FD_SETSIZE} the library was compiled with: the first descriptor it refuses. */
    static int fdSetSize() {
        return fdSetSize0();
    }

    /** Bytes of the buffer that holds the four {@code fd_set}s of one poller. */
    static int fdSetsBytes() {
        return fdSetsBytes0();
    }

    static void fdSetUpdate(long setsAddress, int fd, int interest) throws IOException {
        int result = fdSetUpdate0(setsAddress, fd, interest);
        if (result < 0) {
            // The message is built only on failure: updates run for every interest change.
            throw NativeIo.failure("FD_SET/FD_CLR of fd " + fd, result);
        }
    }

    static int select(long setsAddress, int maxFd, int timeoutMillis, int wakeFd, long readyAddress)
            throws IOException {
        return NativeIo.check(select0(setsAddress, maxFd, timeoutMillis, wakeFd, readyAddress), "select");
    }

    // Keep in sync with the JNINativeMethod table of select.c.
    private static native int fdSetSize0();

    private static native int fdSetsBytes0();

    private static native int fdSetUpdate0(long setsAddress, int fd, int interest);

    private static native int select0(long setsAddress, int maxFd, int timeoutMillis, int wakeFd, long readyAddress);
}
