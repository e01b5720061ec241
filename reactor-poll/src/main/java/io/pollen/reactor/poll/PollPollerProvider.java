package io.pollen.reactor.poll;

import io.pollen.reactor.internal.NativePollerProvider;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;

/**
 * Offers {@link PollPoller} to discovery under the alias {@value BackendAliases#POLL}, bounded only by
 * the open-file limit. Safe from any thread.
 */
public final class PollPollerProvider extends NativePollerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public PollPollerProvider() {
        super(BackendAliases.POLL, BackendCapabilities.unbounded(true), () -> Poll.AVAILABILITY, PollPoller::new);
    }
}
