package io.pollen.reactor.select;

import io.pollen.reactor.internal.NativePollerProvider;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.BackendCapabilities;

/**
 * Offers {@link SelectPoller} to discovery under the alias {@value BackendAliases#SELECT}; its
 * capabilities state {@value Select#FD_SETSIZE} as the first descriptor number it refuses. Safe from
 * any thread.
 */
public final class SelectPollerProvider extends NativePollerProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public SelectPollerProvider() {
        super(BackendAliases.SELECT, BackendCapabilities.belowDescriptor(Select.FD_SETSIZE, true),
                () -> Select.AVAILABILITY, SelectPoller::new);
    }
}
