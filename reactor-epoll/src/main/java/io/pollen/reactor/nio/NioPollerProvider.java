package io.pollen.reactor.nio;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code nio} backend: always available, since it needs nothing but the JDK.
 *
 * <p>System property {@value #SPIN_THRESHOLD_PROPERTY} sets how many premature selector returns in
 * a row trigger a rebuild (default {@value SelectorSpinDetector#DEFAULT_THRESHOLD}). Safe from any
 * thread.
 */
public final class NioPollerProvider implements PollerProvider {
    /** The property naming the selector-rebuild threshold. */
    public static final String SPIN_THRESHOLD_PROPERTY = "pollen.nio.selectorSpinThreshold";

    @Override
    public String alias() {
        return BackendAliases.NIO;
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
        return new NioPoller(Integer.getInteger(SPIN_THRESHOLD_PROPERTY, SelectorSpinDetector.DEFAULT_THRESHOLD));
    }
}
