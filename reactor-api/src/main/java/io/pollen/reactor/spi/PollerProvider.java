package io.pollen.reactor.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * A backend, as found by {@link java.util.ServiceLoader}: each backend module lists its providers in
 * {@code META-INF/services/io.pollen.reactor.spi.PollerProvider}.
 *
 * <p>Implementations are stateless apart from their availability, which they compute once (by
 * really opening the mechanism) and cache. All methods are safe from any thread.
 */
public interface PollerProvider {

    /**
     * @return the backend's alias, one of {@link BackendAliases}
     */
    String alias();

    /**
     * @return empty if this backend works on this machine, or the reason it does not (a missing
     *         native library, a kill-switch property, an unsupported operating system)
     */
    Optional<Throwable> unavailabilityCause();

    /**
     * @return true if {@link #unavailabilityCause()} is empty
     */
    default boolean isAvailable() {
        return unavailabilityCause().isEmpty();
    }

    /**
     * @return what this backend can hold
     */
    BackendCapabilities capabilities();

    /**
     * Opens a new poller, to be owned by one event loop.
     *
     * @return a new poller
     * @throws IOException if the system refuses to create one
     * @throws UnsupportedOperationException (carrying the cause) if the backend is unavailable
     */
    Poller open() throws IOException;
}
