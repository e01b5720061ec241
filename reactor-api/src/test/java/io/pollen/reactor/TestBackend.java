package io.pollen.reactor;

import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;
import java.util.Optional;

/** A backend made of a test's own poller, for engine tests that cannot see the backend modules. */
final class TestBackend implements PollerProvider {
    /** Opens a poller for one loop. */
    @FunctionalInterface
    interface PollerFactory {
        Poller open() throws IOException;
    }

    private final String alias;
    private final PollerFactory pollers;

    private TestBackend(String alias, PollerFactory pollers) {
        this.alias = alias;
        this.pollers = pollers;
    }

    /**
     * Starts a reactor on the given pollers, past discovery.
     *
     * @param builder the settings; its backend is ignored
     * @param alias   the name the reactor reports as its backend
     * @param pollers opens each loop's poller
     * @return the running reactor; shut it down
     */
    static Reactor start(ReactorBuilder builder, String alias, PollerFactory pollers) {
        return EventLoopReactor.start(builder, new BackendChoice(new TestBackend(alias, pollers), alias, "test"));
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.empty();
    }

    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.unbounded(false);
    }

    @Override
    public Poller open() throws IOException {
        return pollers.open();
    }
}
