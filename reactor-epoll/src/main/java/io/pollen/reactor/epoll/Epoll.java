package io.pollen.reactor.epoll;

import io.pollen.reactor.internal.NativeAvailability;
import io.pollen.reactor.internal.NativeIo;
import io.pollen.reactor.spi.BackendAliases;

import java.io.IOException;

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

    private static final NativeAvailability AVAILABILITY =
            new NativeAvailability(BackendAliases.EPOLL, "epoll(7)", DISABLED_PROPERTY, Epoll::probe);

    private Epoll() {
    }

    /** @return true if epoll pollers can be opened */
    public static boolean isAvailable() {
        return AVAILABILITY.isAvailable();
    }

    /**
     * Throws the reason the backend does not work, if it does not.
     *
     * @throws UnsatisfiedLinkError carrying {@link #unavailabilityCause()}
     */
    public static void ensureAvailability() {
        AVAILABILITY.ensure();
    }

    /** @return why the backend does not work, or null if it does */
    public static Throwable unavailabilityCause() {
        return AVAILABILITY.cause();
    }

    private static void probe() throws IOException {
        EpollNative.load();
        int epfd = EpollNative.epollCreate();
        try {
            NativeIo.close(NativeIo.eventFdOpen());
        } finally {
            NativeIo.close(epfd);
        }
    }
}
