package io.pollen.reactor.spi;

/**
 * Bit flags for the readiness a {@link Poller} is asked to watch ("interest") and reports ("ready ops").
 *
 * <p>The values are Pollen's own, not {@link java.nio.channels.SelectionKey}'s and not the kernel's:
 * each poller maps them to its mechanism. {@link #ACCEPT} is readability of a listening socket and
 * {@link #CONNECT} is writability of a connecting socket; native pollers watch them as such, while
 * the NIO poller needs them apart because the JDK's {@code Selector} does.
 *
 * <p>Keep in sync with {@code native/include/pollen_native.h}.
 */
public final class Interest {
    /** No readiness watched; the descriptor stays registered. */
    public static final int NONE = 0;
    /** Bytes can be read, or the peer closed (a read then returns end-of-stream or an error). */
    public static final int READ = 1;
    /** Bytes can be written without blocking. */
    public static final int WRITE = 1 << 1;
    /** A listening socket has a connection waiting to be accepted. */
    public static final int ACCEPT = 1 << 2;
    /** A non-blocking connect has finished, successfully or not. */
    public static final int CONNECT = 1 << 3;
    /** Every valid bit, for argument checks. */
    public static final int ALL = READ | WRITE | ACCEPT | CONNECT;

    private Interest() {
    }

    /**
     * Checks that {@code ops} holds only known bits.
     *
     * @param ops interest bits
     * @return {@code ops}
     * @throws IllegalArgumentException if an unknown bit is set
     */
    public static int validate(int ops) {
        if ((ops & ~ALL) != 0) {
            throw new IllegalArgumentException("unknown interest bits 0x" + Integer.toHexString(ops & ~ALL)
                    + "; use the constants of io.pollen.reactor.spi.Interest");
        }
        return ops;
    }

    /**
     * Names the bits, for logs and error messages.
     *
     * @param ops interest bits
     * @return e.g. {@code "READ|WRITE"}, or {@code "NONE"}
     */
    public static String toString(int ops) {
        if (ops == NONE) {
            return "NONE";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, ops, READ, "READ");
        append(sb, ops, WRITE, "WRITE");
        append(sb, ops, ACCEPT, "ACCEPT");
        append(sb, ops, CONNECT, "CONNECT");
        return sb.toString();
    }

    private static void append(StringBuilder sb, int ops, int bit, String name) {
        if ((ops & bit) != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name);
        }
    }
}
