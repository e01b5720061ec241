package io.pollen.reactor.epoll;

import io.pollen.reactor.nativetest.PollerContractTest;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;

/** The Poller-level contract on the native backend under test. */
class EpollPollerTest extends PollerContractTest {
    @Override
    protected Class<? extends PollerProvider> providerType() {
        return EpollPollerProvider.class;
    }

    @Override
    protected String alias() {
        return BackendAliases.EPOLL;
    }

    @Override
    protected Poller newPoller() throws IOException {
        return new EpollPoller();
    }
}
