package io.pollen.reactor.epoll;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;
import java.util.Optional;

/**
 * Offers {@link EpollPoller} to discovery under the alias {@value BackendAliases#EPOLL}. Safe from any
 * thread.
 */
public final class EpollPollerProvider implements PollerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public EpollPollerProvider() {
    }

    @Override
    public String alias() {
        return BackendAliases.EPOLL;
    }

    @Override
    public Optional<Throwable> unavailabilityCause() {
        return Optional.ofNullable(Epoll.unavailabilityCause());
    }

    @Override
    public BackendCapabilities capabilities() {
        return BackendCapabilities.unbounded(true);
    }

    @Override
    public Poller open() throws IOException {
        Throwable cause = Epoll.unavailabilityCause();
        if (cause != null) {
            throw new UnsupportedOperationException("the epoll backend is unavailable: " + cause.getMessage(), cause);
        }
        return new EpollPoller();
    }
}
