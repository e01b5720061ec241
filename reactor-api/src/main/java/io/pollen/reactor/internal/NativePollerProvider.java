package io.pollen.reactor.internal;

import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every native backend's {@link PollerProvider} is: an alias, fixed capabilities, the
 * availability its availability class decided, and an {@link #open()} that refuses with that cause
 * when the backend does not work. Each backend's provider ({@code EpollPollerProvider},
 * {@code PollPollerProvider}, {@code SelectPollerProvider}) is a subclass with a public no-arg
 * constructor, for {@link java.util.ServiceLoader}.
 *
 * <p>The availability is read through a supplier, not at construction: {@link java.util.ServiceLoader}
 * instantiates every installed provider, and only a provider that is asked should load its library.
 * Safe from any thread.
 */
public abstract class NativePollerProvider implements PollerProvider {
    private final String alias;
    private final BackendCapabilities capabilities;
    private final Supplier<NativeAvailability> availability;
    private final PollerFactory factory;

    /** Opens one poller of the backend: in practice, its poller's public no-arg constructor. */
    @FunctionalInterface
    public interface PollerFactory {
        /**
         * @return a new poller
         * @throws IOException if the system refuses one
         */
        Poller open() throws IOException;
    }

    /**
     * @param alias               the backend's alias, one of {@link io.pollen.reactor.spi.BackendAliases}
     * @param capabilities        what the backend can hold
     * @param availability        the backend's availability, read on first use so that a provider
     *                            nobody asks never loads its library
     * @param factory             opens a poller once the backend is known to work
     */
    protected NativePollerProvider(String alias, BackendCapabilities capabilities,
                                   Supplier<NativeAvailability> availability, PollerFactory factory) {
        this.alias = alias;
        this.capabilities = capabilities;
        this.availability = availability;
        this.factory = factory;
    }

    @Override
    public final String alias() {
        return alias;
    }

    @Override
    public final Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(availability.get().cause());
    }

    @Override
    public final BackendCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public final Poller open() throws IOException {
        Throwable cause = availability.get().cause();
        if (cause != null) {
            throw new UnsupportedOperationException("the " + alias + " backend is unavailable: " + cause.getMessage(),
                    cause);
        }
        return factory.open();
    }
}
