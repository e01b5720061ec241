package io.pollen.reactor.epoll;

import io.pollen.reactor.internal.NativeAvailability;

/**
 * Whether the epoll backend works in this JVM, decided once by loading the library and really
 * opening an epoll instance and an eventfd.
 *
 * <p>Set the system property {@value #DISABLED_PROPERTY}{@code =true} to turn the backend off (for
 * example to compare backends, or to step around a kernel problem); {@code auto} then picks the next
 * backend. Safe from any thread.
 */
public final class Epoll {
    /** The kill switch: {@code -Dpollen.epoll.disabled=true}. */
    public static final String DISABLED_PROPERTY = "pollen.epoll.disabled";

    private static final Throwable UNAVAILABILITY_CAUSE = probe();

    private Epoll() {
    }

    /**
     * @return true if epoll pollers can be opened
     */
    public static boolean isAvailable() {
        return UNAVAILABILITY_CAUSE == null;
    }

    /**
     * Throws the reason the backend does not work, if it does not.
     *
     * @throws UnsatisfiedLinkError carrying {@link #unavailabilityCause()}
     */
    public static void ensureAvailability() {
        NativeAvailability.ensure("epoll", UNAVAILABILITY_CAUSE);
    }

    /**
     * @return why the backend does not work, or null if it does
     */
    public static Throwable unavailabilityCause() {
        return UNAVAILABILITY_CAUSE;
    }

    private static Throwable probe() {
        return NativeAvailability.probe("epoll", "epoll(7)", DISABLED_PROPERTY, () -> {
            EpollNative.load();
            int epfd = EpollNative.epollCreate();
            try {
                EpollNative.close(EpollNative.eventFdOpen());
            } finally {
                EpollNative.close(epfd);
            }
        });
    }
}
