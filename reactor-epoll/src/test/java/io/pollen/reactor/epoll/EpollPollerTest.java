package io.pollen.reactor.epoll;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.PollerTestKit;

/** The Poller contract on the {@code epoll} backend. */
class EpollPollerTest extends PollerTestKit {
    EpollPollerTest() {
        super(BackendAliases.EPOLL);
    }
}
