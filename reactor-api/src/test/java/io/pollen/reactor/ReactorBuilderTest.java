package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReactorBuilderTest {

    @Test
    void rejectsEachBadSettingWithItsNameAndRange() {
        assertThatThrownBy(() -> Reactor.builder().threads(0).build()).hasMessageContaining("threads must be in [1, 1024]");
        assertThatThrownBy(() -> Reactor.builder().writeWaterMarks(10, 5).build())
                .hasMessageContaining("writeHighWaterMark (5) must be above writeLowWaterMark (10)");
        assertThatThrownBy(() -> Reactor.builder().maxPendingWriteBytes(10).build())
                .hasMessageContaining("maxPendingWriteBytes (10) must be at least writeHighWaterMark");
        assertThatThrownBy(() -> Reactor.builder().maxConnections(-1).build()).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> Reactor.builder().timerTick(Duration.ZERO).build()).hasMessageContaining("timerTick must be positive");
        assertThatThrownBy(() -> Reactor.builder().acceptBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("acceptBackoffMax");
    }

    @Test
    void rejectsAnUnknownBackendNameListingTheKnownOnes() {
        assertThatThrownBy(() -> Reactor.builder().backend("kqueue").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'kqueue'")
                .hasMessageContaining("[epoll, nio, poll, select]");
    }
}
