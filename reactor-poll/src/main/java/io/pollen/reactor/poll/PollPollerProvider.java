package io.pollen.reactor.poll;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * Offers {@link PollPoller} to discovery under the alias {@value BackendAliases#POLL}. Safe from any
 * thread.
 */
public final class PollPollerProvider implements PollerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public PollPollerProvider() {
    }

    @Override
    public String alias() {
        return BackendAliases.POLL;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(Poll.unavailabilityCause());
    }

    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.unbounded(true);
    }

    @Override
    public Poller open() throws IOException {
        Throwable cause = Poll.unavailabilityCause();
        if (cause != null) {
            throw new UnsupportedOperationException("the poll backend is unavailable: " + cause.getMessage(), cause);
        }
        return new PollPoller();
    }
}
