package io.pollen.reactor.select;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.PollerTestKit;

/** The Poller contract on the {@code select} backend. */
class SelectPollerTest extends PollerTestKit {
    SelectPollerTest() {
        super(BackendAliases.SELECT);
    }
}
