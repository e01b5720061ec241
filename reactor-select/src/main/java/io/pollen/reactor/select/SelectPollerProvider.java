package io.pollen.reactor.select;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * Offers {@link SelectPoller} to discovery under the alias {@value BackendAliases#SELECT}. Safe from any
 * thread.
 */
public final class SelectPollerProvider implements PollerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public SelectPollerProvider() {
    }

    @Override
    public String alias() {
        return BackendAliases.SELECT;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(Select.unavailabilityCause());
    }

    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.belowDescriptor(Select.FD_SETSIZE, true);
    }

    @Override
    public Poller open() throws IOException {
        Throwable cause = Select.unavailabilityCause();
        if (cause != null) {
            throw new UnsupportedOperationException("the select backend is unavailable: " + cause.getMessage(), cause);
        }
        return new SelectPoller();
    }
}
