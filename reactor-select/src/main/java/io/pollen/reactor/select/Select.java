package io.pollen.reactor.select;

import io.pollen.reactor.internal.NativeAvailability;
import io.pollen.reactor.internal.NativeIo;
import io.pollen.reactor.internal.ReadyList;
import io.pollen.reactor.spi.BackendAliases;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Whether the select backend works in this JVM, decided once by loading the library and really
 * opening an eventfd and calling select once. It also checks that the library was built with the
 * {@code FD_SETSIZE} that {@link #FD_SETSIZE} states.
 *
 * <p>Set the system property {@value #DISABLED_PROPERTY}{@code =true} to turn the backend off (for
 * example to compare backends, or to step around a kernel problem); {@code auto} then picks the next
 * backend.
 *
 * <p>Applications read the answer from the backend's provider, which every backend offers the same
 * way: {@code new SelectPollerProvider().unavailabilityCause()}, or
 * {@code Backends.find("select")}. Safe from any thread.
 */
public final class Select {
    /** The kill switch: {@code -Dpollen.select.disabled=true}. */
    public static final String DISABLED_PROPERTY = "pollen.select.disabled";

    /**
     * {@code select(2)}'s {@code FD_SETSIZE} on Linux: the first descriptor number the backend refuses.
     * Keep in sync with glibc's {@code <sys/select.h>}; the availability probe checks it against the
     * library.
     */
    public static final int FD_SETSIZE = 1024;

    /** Decided on first use: the provider asks only when discovery or a poller does. */
    static final NativeAvailability AVAILABILITY =
            new NativeAvailability(BackendAliases.SELECT, "select(2)", DISABLED_PROPERTY,
                    SelectNative.LIBRARY, SelectNative.class, Select::probe);

    private Select() {
    }

    private static void probe() throws IOException {
        int compiled = SelectNative.fdSetSize();
        if (compiled != FD_SETSIZE) {
            throw new UnsupportedOperationException("the select library was built with FD_SETSIZE " + compiled
                    + " but io.pollen.reactor.select.Select.FD_SETSIZE says " + FD_SETSIZE + "; rebuild both");
        }
        NativeIo.close(NativeIo.eventFdOpen());
        // A real select(2) call on no descriptor: proves the natives are bound without depending on
        // how many descriptors the process holds now (an answer cached for the JVM's life must not).
        ByteBuffer sets = ByteBuffer.allocateDirect(SelectNative.fdSetsBytes());
        SelectNative.select(NativeIo.bufferAddress(sets), -1, 0, -1, new ReadyList(1).address());
    }
}
