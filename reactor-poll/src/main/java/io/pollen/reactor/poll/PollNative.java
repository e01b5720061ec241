package io.pollen.reactor.poll;

import io.pollen.reactor.internal.NativeIo;

import java.io.IOException;

/**
 * The JNI calls of the poll backend, each native {@code xxx0} method wrapped by a Java method that
 * turns the C side's {@code -errno} into an {@link IOException} naming the system call. The calls
 * every backend shares (eventfd, close, descriptor numbers, buffer addresses) are in
 * {@link NativeIo}, which this library's {@code JNI_OnLoad} binds too.
 *
 * <p>Keep in sync with {@code src/main/c/poll.c}: its {@code JNINativeMethod} table binds these
 * declarations by name and signature. Threading: stateless; callers own the descriptors they pass.
 */
final class PollNative {
    /** The library's base name; keep in sync with {@code pollen.native.library} in this module's pom. */
    static final String LIBRARY = "pollen_poll";

    private PollNative() {
    }

    /** The {@code events} mask of a {@code struct pollfd} for Pollen interest bits; not a system call. */
    static short pollEvents(int interest) {
        return (short) pollEvents0(interest);
    }

    static int poll(long pollfdAddress, int count, int timeoutMillis, long readyAddress) throws IOException {
        return NativeIo.check(poll0(pollfdAddress, count, timeoutMillis, readyAddress), "poll");
    }

    // Keep in sync with the JNINativeMethod table of poll.c.
    private static native int pollEvents0(int interest);

    private static native int poll0(long pollfdAddress, int count, int timeoutMillis, long readyAddress);
}
