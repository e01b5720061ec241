package io.pollen.reactor.select;

import io.pollen.reactor.internal.NativeLibraryLoader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * The JNI calls of the select backend, each native {@code xxx0} method wrapped by a Java method that
 * turns the C side's {@code -errno} into an {@link IOException} naming the system call.
 *
 * <p>Keep in sync with {@code src/main/c/select.c}: its {@code JNINativeMethod} table binds these
 * declarations by name and signature. Threading: stateless; callers own the descriptors they pass.
 */
final class SelectNative {
    /** The library's base name; the build and the loader add platform and architecture. */
    static final String LIBRARY = "pollen_select";

    private SelectNative() {
    }

    /** Loads the library; called once, by {@link Select}'s availability probe. */
    static void load() {
        NativeLibraryLoader.load(LIBRARY, SelectNative.class);
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
            throw failure("FD_SET/FD_CLR of fd " + fd, result);
        }
    }

    static int select(long setsAddress, int maxFd, int timeoutMillis, int wakeFd, long readyAddress)
            throws IOException {
        return check(select0(setsAddress, maxFd, timeoutMillis, wakeFd, readyAddress), "select");
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

    // Keep in sync with the JNINativeMethod table of select.c.
    private static native int fdSetSize0();

    private static native int fdSetsBytes0();

    private static native int fdSetUpdate0(long setsAddress, int fd, int interest);

    private static native int select0(long setsAddress, int maxFd, int timeoutMillis, int wakeFd, long readyAddress);

    private static native int eventFdOpen0();

    private static native int eventFdSignal0(int fd);

    private static native int close0(int fd);

    private static native int channelFd0(SelectableChannel channel);

    private static native long bufferAddress0(ByteBuffer buffer);

    private static native String strerror0(int errno);
}
