package io.pollen.reactor.poll;

import io.pollen.reactor.nativetest.PollerContractTest;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Rounding up keeps the loop from waking just before a timer deadline and spinning until it. */
    @Test
    void timeoutsRoundUpToWholeMilliseconds() {
        assertThat(PollPoller.timeoutMillis(-1)).isEqualTo(-1);
        assertThat(PollPoller.timeoutMillis(0)).isZero();
        assertThat(PollPoller.timeoutMillis(1)).isEqualTo(1);
        assertThat(PollPoller.timeoutMillis(1_000_000)).isEqualTo(1);
        assertThat(PollPoller.timeoutMillis(1_000_001)).isEqualTo(2);
        assertThat(PollPoller.timeoutMillis(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
