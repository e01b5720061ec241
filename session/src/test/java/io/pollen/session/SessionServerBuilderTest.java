package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.reactor.EmbeddedConnection;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.ReactorBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings are checked once, together, the reactor's and the keep-alive policy's included. */
class SessionServerBuilderTest {
    private static final SessionHandler IGNORE = (Session session, JsonMessage message) -> { };

    private static SessionServerBuilder builder() {
        return SessionServer.builder().handler(IGNORE);
    }

    @Test
    void theDefaultsConcludeAndAFrameOfTheDefaultLargestSizeFitsTheWriteCap() {
        SessionServerBuilder defaults = builder().conclude();

        assertThat(defaults.maxFrameLength()).isEqualTo(SessionServerBuilder.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(defaults.reactor().maxPendingWriteBytes())
                .isEqualTo(SessionServerBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES)
                .isEqualTo(NetstringEncoder.frameLength(16L << 20));
        assertThat(defaults.reactor().writeHighWaterMark()).isEqualTo(ReactorBuilder.DEFAULT_WRITE_HIGH_WATER_MARK);
        assertThat(defaults.keepAlive().interval()).isEqualTo(KeepAlivePolicy.DEFAULT_INTERVAL);
        assertThat(defaults.keepAlive().misses()).isEqualTo(KeepAlivePolicy.DEFAULT_MISSES);
    }

    @Test
    void aFrameLimitThatOutgrowsTheWriteCapIsRefusedNamingBoth() {
        assertThatThrownBy(() -> builder().maxFrameLength(1 << 20).reactor(r -> r.maxPendingWriteBytes(1 << 20)).conclude())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength (1048576 B, 1048585 B framed)")
                .hasMessageContaining("maxPendingWriteBytes (1048576 B)")
                .hasMessageContaining("reactor(r -> r.maxPendingWriteBytes(1048585))");
        // A replaced reactor builder has the reactor's own 4 MiB cap: the default 16 MiB frame no longer fits.
        assertThatThrownBy(() -> builder().reactor(Reactor.builder()).conclude())
                .hasMessageContaining("maxPendingWriteBytes (" + ReactorBuilder.DEFAULT_MAX_PENDING_WRITE_BYTES + " B)");
        assertThat(builder().maxFrameLength(1 << 20).reactor(r -> r.maxPendingWriteBytes(1048585)).conclude())
                .isNotNull();
    }

    @Test
    void theHeldReactorKeepAliveAndJsonSettingsAreConcludedToo() {
        assertThatThrownBy(() -> builder().reactor(r -> r.threads(0)).conclude())
                .hasMessageContaining("threads must be in [1, 1024]");
        assertThatThrownBy(() -> builder().reactor(r -> r.maxPendingWriteBytes(1000)).maxFrameLength(100).conclude())
                .as("a cap below the high water mark needs the marks lowered explicitly")
                .hasMessageContaining("maxPendingWriteBytes (1000) must be at least writeHighWaterMark (65536)");
        assertThat(builder().maxFrameLength(100).reactor(r -> r.maxPendingWriteBytes(1000).writeWaterMarks(250, 500))
                .conclude()).isNotNull();
        assertThatThrownBy(() -> builder().keepAlive(k -> k.misses(0)).conclude())
                .hasMessage("keep-alive misses must be at least 1: 0");
        assertThatThrownBy(() -> builder().jsonLimits(j -> j.maxNestingDepth(0)).conclude())
                .hasMessage("maxNestingDepth must be at least 1, got 0");
        assertThatThrownBy(() -> builder().maxFrameLength(-1).conclude()).hasMessageContaining("maxFrameLength");
        assertThatThrownBy(() -> builder().pingInterval(Duration.ZERO).conclude()).hasMessageContaining("pingInterval");
        assertThatThrownBy(() -> SessionServer.builder().conclude()).hasMessageContaining("handler");
    }

    @Test
    void aKeepAliveLimitThatOverflowsIsRefusedNamingBothSettings() {
        assertThatThrownBy(() -> new KeepAlivePolicy().interval(Duration.ofHours(1)).misses(Integer.MAX_VALUE).conclude())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval (PT1H) times misses (2147483647), overflows");
        assertThat(new KeepAlivePolicy().interval(Duration.ofSeconds(1)).misses(1_000_000).conclude().limit())
                .isEqualTo(Duration.ofSeconds(1_000_000));
        assertThatThrownBy(() -> builder().keepAlive(k -> k.interval(Duration.ofHours(1)).misses(Integer.MAX_VALUE)).build())
                .as("the builder refuses it before anything listens")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
    }

    @Test
    void everyHelloGoesOnUnlessAnAuthenticatorIsSetAndNoneIsRefused() {
        assertThat(builder().helloAuthenticator()).isSameAs(HelloAuthenticator.PERMIT_ALL);
        assertThatThrownBy(() -> builder().helloAuthenticator(null).conclude())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("HelloAuthenticator.PERMIT_ALL");
    }

    @Test
    void aBuiltPipelineKeepsItsOwnCopyOfTheKeepAlivePolicy() {
        SessionServerBuilder settings = builder().keepAlive(k -> k.interval(Duration.ofSeconds(30)));
        SessionPipeline pipeline = settings.buildPipeline();
        settings.keepAlive().interval(Duration.ofSeconds(1));

        EmbeddedConnection client = new EmbeddedConnection(pipeline.newConnectionHandler());
        client.writeInbound("27:{\"type\":\"hello\",\"id\":\"c-1\"},");

        assertThat(client.readOutboundString()).contains("\"keepalive_ms\":30000");
    }
}
