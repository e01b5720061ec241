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
 * backend.
 *
 * <p>Applications read the answer from the backend's provider, which every backend offers the same
 * way: {@code new EpollPollerProvider().unavailabilityCause()}, or
 * {@code Backends.find("epoll")}. Safe from any thread.
 */
public final class Epoll {
    /** The kill switch: {@code -Dpollen.epoll.disabled=true}. */
    public static final String DISABLED_PROPERTY = "pollen.epoll.disabled";

    /** Decided on first use: the provider asks only when discovery or a poller does. */
    static final NativeAvailability AVAILABILITY =
            new NativeAvailability(BackendAliases.EPOLL, "epoll(7)", DISABLED_PROPERTY,
                    EpollNative.LIBRARY, EpollNative.class, Epoll::probe);

    private Epoll() {
    }

    private static void probe() throws IOException {
        int epfd = EpollNative.epollCreate();
        try {
            NativeIo.close(NativeIo.eventFdOpen());
        } finally {
            NativeIo.close(epfd);
        }
    }
}
