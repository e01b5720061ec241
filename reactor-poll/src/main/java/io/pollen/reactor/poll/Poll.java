package io.pollen.reactor.poll;

import io.pollen.reactor.internal.NativeAvailability;
import io.pollen.reactor.internal.NativeIo;
import io.pollen.reactor.internal.ReadyList;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Interest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Whether the poll backend works in this JVM, decided once by loading the library and really
 * opening an eventfd and polling it once.
 *
 * <p>Set the system property {@value #DISABLED_PROPERTY}{@code =true} to turn the backend off (for
 * example to compare backends, or to step around a kernel problem); {@code auto} then picks the next
 * backend.
 *
 * <p>Applications read the answer from the backend's provider, which every backend offers the same
 * way: {@code new PollPollerProvider().unavailabilityCause()}, or
 * {@code Backends.find("poll")}. Safe from any thread.
 */
public final class Poll {
    /** The kill switch: {@code -Dpollen.poll.disabled=true}. */
    public static final String DISABLED_PROPERTY = "pollen.poll.disabled";

    /** Decided on first use: the provider asks only when discovery or a poller does. */
    static final NativeAvailability AVAILABILITY =
            new NativeAvailability(BackendAliases.POLL, "poll(2)", DISABLED_PROPERTY,
                    PollNative.LIBRARY, PollNative.class, Poll::probe);

    private Poll() {
    }

    private static void probe() throws IOException {
        // A real wait on a real descriptor, as every poller makes: proves the calls are bound.
        int wakeFd = NativeIo.eventFdOpen();
        try {
            ByteBuffer pollfd = ByteBuffer.allocateDirect(PollPoller.POLLFD_BYTES).order(ByteOrder.nativeOrder());
            pollfd.putInt(PollPoller.POLLFD_FD_OFFSET, wakeFd);
            pollfd.putShort(PollPoller.POLLFD_EVENTS_OFFSET, PollNative.pollEvents(Interest.READ));
            PollNative.poll(NativeIo.bufferAddress(pollfd), 1, 0, new ReadyList(1).address());
        } finally {
            NativeIo.close(wakeFd);
        }
    }
}
