package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReactorBuilderTest {

    @Test
    void rejectsEachBadSettingWithItsNameAndRange() {
        assertThatThrownBy(() -> Reactor.builder().threads(0).build()).hasMessageContaining("threads must be in [1, 1024]");
        assertThatThrownBy(() -> Reactor.builder().writeWaterMarks(10, 5).build())
                .hasMessageContaining("writeHighWaterMark (5) must be above writeLowWaterMark (10)");
        assertThatThrownBy(() -> Reactor.builder().maxPendingWriteBytes(10).build())
                .hasMessageContaining("maxPendingWriteBytes (10) must be at least writeHighWaterMark (65536)");
        assertThatThrownBy(() -> Reactor.builder().maxConnections(-1).build()).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> Reactor.builder().maxPendingStreams(0).build())
                .hasMessageContaining("maxPendingStreams must be in [1, 1024]: 0");
        assertThatThrownBy(() -> Reactor.builder().timerTick(Duration.ZERO).build()).hasMessageContaining("timerTick must be positive");
        assertThatThrownBy(() -> Reactor.builder().shutdownDrainTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("shutdownDrainTimeout must not be negative");
        assertThatThrownBy(() -> Reactor.builder().acceptBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("acceptBackoffMax (PT1S) must be >= acceptBackoffMin (PT2S)");
    }

    @Test
    void settingsAreCheckedTogetherSoTheirOrderDoesNotMatter() {
        // A cap below the default high water mark is fine once the marks come down too, whichever is set first.
        ReactorBuilder capFirst = Reactor.builder().maxPendingWriteBytes(1024).writeWaterMarks(256, 512);
        ReactorBuilder marksFirst = Reactor.builder().writeWaterMarks(256, 512).maxPendingWriteBytes(1024);

        assertThat(capFirst.conclude()).isSameAs(capFirst);
        assertThat(marksFirst.conclude().maxPendingWriteBytes()).isEqualTo(1024);
    }

    @Test
    void theDefaultsAreTheConstantsBesideTheSetters() {
        ReactorBuilder defaults = Reactor.builder().conclude();

        assertThat(defaults.backend()).isEqualTo(ReactorBuilder.DEFAULT_BACKEND);
        assertThat(defaults.threads()).isEqualTo(ReactorBuilder.DEFAULT_THREADS);
        assertThat(defaults.writeLowWaterMark()).isEqualTo(ReactorBuilder.DEFAULT_WRITE_LOW_WATER_MARK);
        assertThat(defaults.writeHighWaterMark()).isEqualTo(ReactorBuilder.DEFAULT_WRITE_HIGH_WATER_MARK);
        assertThat(defaults.maxPendingWriteBytes()).isEqualTo(ReactorBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES);
        assertThat(defaults.overflowPolicy()).isEqualTo(ReactorBuilder.DEFAULT_OVERFLOW_POLICY);
        assertThat(defaults.maxPendingStreams()).isEqualTo(ReactorBuilder.DEFAULT_MAX_PENDING_STREAMS);
        assertThat(defaults.maxConnections()).isEqualTo(ReactorBuilder.NO_CONNECTION_CAP);
        assertThat(defaults.shutdownDrainTimeout()).isEqualTo(ReactorBuilder.DEFAULT_SHUTDOWN_DRAIN_TIMEOUT);
        assertThat(defaults.threadNamePrefix()).isEqualTo(ReactorBuilder.DEFAULT_THREAD_NAME_PREFIX);
    }

    @Test
    void rejectsAnUnknownBackendNameListingTheKnownOnes() {
        assertThatThrownBy(() -> Reactor.builder().backend("kqueue").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'kqueue'")
                .hasMessageContaining("[epoll, nio, poll, select]");
    }
}
