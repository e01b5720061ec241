package io.pollen.reactor.poll;

import io.pollen.reactor.nativetest.PollerContractTest;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;

/** The Poller-level contract on the native backend under test. */
class PollPollerTest extends PollerContractTest {
    @Override
    protected Class<? extends PollerProvider> providerType() {
        return PollPollerProvider.class;
    }

    @Override
    protected String alias() {
        return BackendAliases.POLL;
    }

    @Override
    protected Poller newPoller() throws IOException {
        return new PollPoller();
    }
}
