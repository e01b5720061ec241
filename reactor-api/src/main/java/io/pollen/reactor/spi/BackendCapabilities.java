package io.pollen.reactor.spi;

import java.util.OptionalInt;

/**
 * What a backend can hold, so that callers (and the reactor test kit) adapt instead of failing.
 *
 * @param maxDescriptor the first descriptor number the backend refuses (select: {@code FD_SETSIZE},
 *                      1024 on Linux), or empty when only the process's open-file limit applies
 * @param nativeCode    whether the backend runs native code loaded through JNI
 */
public record BackendCapabilities(OptionalInt maxDescriptor, boolean nativeCode) {

    /**
     * A backend bounded only by the process's open-file limit.
     *
     * @param nativeCode whether the backend runs native code
     * @return the capabilities
     */
    public static BackendCapabilities unbounded(boolean nativeCode) {
        return new BackendCapabilities(OptionalInt.empty(), nativeCode);
    }

    /**
     * A backend that refuses descriptors at or above {@code limit}.
     *
     * @param limit      the first refused descriptor number
     * @param nativeCode whether the backend runs native code
     * @return the capabilities
     */
    public static BackendCapabilities belowDescriptor(int limit, boolean nativeCode) {
        return new BackendCapabilities(OptionalInt.of(limit), nativeCode);
    }
}
