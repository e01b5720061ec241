package io.pollen.reactor.select;

import io.pollen.reactor.nativetest.PollerContractTest;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Rounding up keeps the loop from waking just before a timer deadline and spinning until it. */
    @Test
    void timeoutsRoundUpToWholeMilliseconds() {
        assertThat(SelectPoller.timeoutMillis(-1)).isEqualTo(-1);
        assertThat(SelectPoller.timeoutMillis(0)).isZero();
        assertThat(SelectPoller.timeoutMillis(1)).isEqualTo(1);
        assertThat(SelectPoller.timeoutMillis(1_000_000)).isEqualTo(1);
        assertThat(SelectPoller.timeoutMillis(1_000_001)).isEqualTo(2);
        assertThat(SelectPoller.timeoutMillis(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
