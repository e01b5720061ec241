package io.pollen.reactor.select;

import io.pollen.reactor.nativetest.PollerContractTest;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;

/** The Poller-level contract on the native backend under test. */
class SelectPollerTest extends PollerContractTest {
    @Override
    protected Class<? extends PollerProvider> providerType() {
        return SelectPollerProvider.class;
    }

    @Override
    protected String alias() {
        return BackendAliases.SELECT;
    }

    @Override
    protected Poller newPoller() throws IOException {
        return new SelectPoller();
    }
}
