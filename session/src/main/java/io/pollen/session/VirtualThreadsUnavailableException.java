package io.pollen.session;

/**
 * Thrown by {@link SessionServerBuilder#conclude()} when sequential sessions were asked for without a
 * {@link SessionServerBuilder#sessionThreads(java.util.concurrent.ThreadFactory) thread factory} on a
 * Java runtime that has no virtual threads (before Java 21). The remedy is in the message: run on Java
 * 21+, or pass a factory of platform threads and budget for what they cost.
 */
public final class VirtualThreadsUnavailableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param javaVersion the running Java's version
     * @param cause       why the virtual-thread factory could not be found
     */
    VirtualThreadsUnavailableException(Runtime.Version javaVersion, Throwable cause) {
        super("sequential sessions run one virtual thread per session, which needs Java 21 or later; this is Java "
                + javaVersion + ": run on Java 21+, or pass sessionThreads(ThreadFactory) with platform threads "
                + "(each reserves a full stack, about 1 MiB by default, and a kernel thread: budget for one per "
                + "connected client)", cause);
    }
}
