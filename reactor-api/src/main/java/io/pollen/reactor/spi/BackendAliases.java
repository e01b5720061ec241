package io.pollen.reactor.spi;

import java.util.List;

/**
 * The names by which backends are chosen, declared once and used by discovery, the reactor test kit
 * and the JMH {@code @Param}s (which need compile-time constants, hence strings).
 */
public final class BackendAliases {
    /** {@code select(2)} through JNI; refuses descriptors at or above {@code FD_SETSIZE}. */
    public static final String SELECT = "select";
    /** {@code poll(2)} through JNI; O(n) per wait. */
    public static final String POLL = "poll";
    /** {@code epoll(7)} through JNI; O(ready) per wait. */
    public static final String EPOLL = "epoll";
    /** The JDK's {@link java.nio.channels.Selector} (itself epoll on Linux); available everywhere. */
    public static final String NIO = "nio";
    /** Not a backend: asks discovery for the best available one, in {@link #AUTO_PREFERENCE} order. */
    public static final String AUTO = "auto";

    /** The order in which {@link #AUTO} tries the backends: best first. */
    public static final List<String> AUTO_PREFERENCE = List.of(EPOLL, NIO, POLL, SELECT);

    /**
     * The Maven coordinates of the module that ships a backend, for messages that tell a user what
     * to add (the NIO poller ships with epoll's module, since both need no more than the JDK's
     * channels on Linux).
     *
     * @param alias a backend alias
     * @return {@code io.pollen:pollen-reactor-...}, or null for an alias Pollen does not ship
     */
    public static String artifactOf(String alias) {
        switch (alias) {
            case SELECT:
            case POLL:
            case EPOLL:
                return "io.pollen:pollen-reactor-" + alias;
            case NIO:
                return "io.pollen:pollen-reactor-" + EPOLL;
            default:
                return null;
        }
    }

    /** The system property that chooses a backend when the application does not. */
    public static final String BACKEND_PROPERTY = "pollen.backend";

    private BackendAliases() {
    }
}
