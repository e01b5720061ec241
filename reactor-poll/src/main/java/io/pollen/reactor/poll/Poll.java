package io.pollen.reactor.poll;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.internal.NativeAvailability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Whether the poll backend works in this JVM, decided once by loading the library and really
 * opening an eventfd and polling it once.
 *
 * <p>Set the system property {@value #DISABLED_PROPERTY}{@code =true} to turn the backend off (for
 * example to compare backends, or to step around a kernel problem); {@code auto} then picks the next
 * backend. Safe from any thread.
 */
public final class Poll {
    /** The kill switch: {@code -Dpollen.poll.disabled=true}. */
    public static final String DISABLED_PROPERTY = "pollen.poll.disabled";

    private static final Throwable UNAVAILABILITY_CAUSE = probe();

    private Poll() {
    }

    /**
     * @return true if poll pollers can be opened
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
        NativeAvailability.ensure("poll", UNAVAILABILITY_CAUSE);
    }

    /**
     * @return why the backend does not work, or null if it does
     */
    public static Throwable unavailabilityCause() {
        return UNAVAILABILITY_CAUSE;
    }

    private static Throwable probe() {
        return NativeAvailability.probe("poll", "poll(2)", DISABLED_PROPERTY, () -> {
            PollNative.load();
            // A real wait on a real descriptor, as every poller makes: proves the calls are bound.
            int wakeFd = PollNative.eventFdOpen();
            try {
                pollOnce(wakeFd);
            } finally {
                PollNative.close(wakeFd);
            }
        });
    }

    private static void pollOnce(int fd) throws IOException {
        ByteBuffer pollfd = ByteBuffer.allocateDirect(PollPoller.POLLFD_BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer ready = ByteBuffer.allocateDirect(2 * Integer.BYTES).order(ByteOrder.nativeOrder());
        pollfd.putInt(PollPoller.POLLFD_FD_OFFSET, fd);
        pollfd.putShort(PollPoller.POLLFD_EVENTS_OFFSET, PollNative.pollEvents(Interest.READ));
        PollNative.poll(PollNative.bufferAddress(pollfd), 1, 0, PollNative.bufferAddress(ready));
    }
}
