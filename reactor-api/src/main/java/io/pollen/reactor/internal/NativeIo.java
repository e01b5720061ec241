package io.pollen.reactor.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * The natives every backend library shares (the eventfd, {@code close}, a channel's descriptor
 * number, a direct buffer's address, {@code strerror}), declared once, each private {@code xxx0}
 * wrapped by a method that turns the C side's {@code -errno} into an {@link IOException} naming the
 * system call. Backend classes ({@code EpollNative}, {@code PollNative}, {@code SelectNative}) use
 * {@link #check} and {@link #failure} the same way for their own natives.
 *
 * <h2>Binding</h2>
 * These methods have no C symbol of their own: each backend library's {@code JNI_OnLoad} binds them,
 * with {@code RegisterNatives}, from the one table in {@code native/include/pollen_native.h}
 * ({@code pollen_native_io_methods}; keep in sync with the declarations at the end of this class).
 * They therefore work once any backend's library is loaded, which its availability probe does before
 * anything calls here. When several backends load, each binds them again with the same code from the
 * same header; the last binding serves all of them.
 *
 * <h2>Threading</h2>
 * Stateless; safe from any thread. Callers own the descriptors they pass.
 */
public final class NativeIo {

    private NativeIo() {
    }

    /**
     * @return a new non-blocking, close-on-exec eventfd with a zero counter
     * @throws IOException if the system refuses one
     */
    public static int eventFdOpen() throws IOException {
        return check(eventFdOpen0(), "eventfd");
    }

    /**
     * Adds one to an eventfd's counter, which makes it readable.
     *
     * @param fd an eventfd
     * @return 0, or a negative errno: wake-ups come from any thread and must not fail it, so this
     *         never throws
     */
    public static int eventFdSignal(int fd) {
        return eventFdSignal0(fd);
    }

    /**
     * Closes a descriptor, never retrying: Linux releases it even when {@code close} fails.
     *
     * @param fd a descriptor the caller owns
     * @return 0, or a negative errno, which callers releasing resources may ignore
     */
    public static int close(int fd) {
        return close0(fd);
    }

    /**
     * Reads the descriptor number of a JDK channel (registration path only, never the wait path).
     *
     * @param channel a JDK socket, server-socket or pipe channel
     * @return its descriptor number
     * @throws IOException if the channel holds no descriptor (it is closed) or its class keeps it
     *                     in no field the C side knows
     */
    public static int channelFd(SelectableChannel channel) throws IOException {
        int fd = channelFd0(channel);
        if (fd < 0) {
            throw failure("reading the descriptor number of " + channel.getClass().getName()
                    + " (expected a JDK socket channel with an int field fdVal)", fd);
        }
        return fd;
    }

    /**
     * @param directBuffer a direct buffer, which the caller keeps reachable while C uses the address
     * @return the address of its first byte, fetched once so that the wait path passes a number
     * @throws IllegalArgumentException if the buffer is not direct
     */
    public static long bufferAddress(ByteBuffer directBuffer) {
        long address = bufferAddress0(directBuffer);
        if (address <= 0) {
            throw new IllegalArgumentException("not a direct buffer: " + directBuffer);
        }
        return address;
    }

    /**
     * Passes a native method's non-negative result through, or throws for a negative errno.
     *
     * @param result what the native returned
     * @param call   the system call, for the message, such as {@code "epoll_wait"}
     * @return {@code result}
     * @throws IOException naming {@code call} and the error, if {@code result} is negative
     */
    public static int check(int result, String call) throws IOException {
        if (result < 0) {
            throw failure(call, result);
        }
        return result;
    }

    /**
     * @param call          what failed, such as {@code "epoll_ctl(EPOLL_CTL_ADD) of fd 12"}
     * @param negativeErrno the native's result
     * @return an exception naming the call, the error's description and its number
     */
    public static IOException failure(String call, int negativeErrno) {
        return new IOException(call + " failed: " + strerror0(-negativeErrno) + " (errno " + -negativeErrno + ")");
    }

    // Bound by every backend's JNI_OnLoad; keep in sync with pollen_native_io_methods in pollen_native.h.
    private static native int eventFdOpen0();

    private static native int eventFdSignal0(int fd);

    private static native int close0(int fd);

    private static native int channelFd0(SelectableChannel channel);

    private static native long bufferAddress0(ByteBuffer buffer);

    private static native String strerror0(int errno);
}
