package io.pollen.reactor.nio;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.PollerTestKit;

/** The Poller contract on the {@code nio} backend. */
class NioPollerTest extends PollerTestKit {
    NioPollerTest() {
        super(BackendAliases.NIO);
    }
}
