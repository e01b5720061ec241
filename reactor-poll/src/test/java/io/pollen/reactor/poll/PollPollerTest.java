package io.pollen.reactor.poll;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.PollerTestKit;

/** The Poller contract on the {@code poll} backend. */
class PollPollerTest extends PollerTestKit {
    PollPollerTest() {
        super(BackendAliases.POLL);
    }
}
