package io.pollen.reactor.epoll;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.ReactorTestKit;

/** The reactor conformance suite on the {@code epoll} backend. */
class EpollReactorTest extends ReactorTestKit {
    EpollReactorTest() {
        super(BackendAliases.EPOLL);
    }
}
