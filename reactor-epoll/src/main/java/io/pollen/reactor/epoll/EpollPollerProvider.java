package io.pollen.reactor.epoll;

import io.pollen.reactor.internal.NativePollerProvider;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;

/**
 * Offers {@link EpollPoller} to discovery under the alias {@value BackendAliases#EPOLL}, bounded only
 * by the open-file limit. Safe from any thread.
 */
public final class EpollPollerProvider extends NativePollerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public EpollPollerProvider() {
        super(BackendAliases.EPOLL, BackendCapabilities.unbounded(true), () -> Epoll.AVAILABILITY, EpollPoller::new);
    }
}
