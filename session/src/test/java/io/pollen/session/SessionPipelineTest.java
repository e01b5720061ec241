package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an application unit-tests its session handler without sockets or sleeping: the pipeline on
 * an in-memory connection, keep-alive states driven by the manual clock.
 */
class SessionPipelineTest {
    private final SessionPipeline pipeline = SessionServer.builder()
            .keepAlive(k -> k.interval(Duration.ofSeconds(30)).misses(3))
            .handler((Session session, JsonMessage message) -> session.send("{\"type\":\"seen\"}"))
            .buildPipeline();

    private static String frame(String payload) {
        return payload.length() + ":" + payload + ",";
    }

    @Test
    void keepAliveStatesFollowTheManualClock() {
        EmbeddedConnection client = new EmbeddedConnection(pipeline.newConnectionHandler());
        client.writeInbound(frame("{\"type\":\"hello\",\"id\":\"c-1\"}"));
        assertThat(client.readOutboundString()).isEqualTo(frame("{\"type\":\"welcome\",\"session\":\"c-1\",\"keepalive_ms\":30000}"));
        Session session = pipeline.registry().find("c-1").orElseThrow();

        client.advanceTime(Duration.ofSeconds(31));
        assertThat(session.state()).isEqualTo(SessionState.SUSPECT);

        client.writeInbound("0:,");
        assertThat(session.state()).isEqualTo(SessionState.HEALTHY);

        client.advanceTime(Duration.ofSeconds(89));
        assertThat(session.state()).isEqualTo(SessionState.SUSPECT);
        assertThat(client.isOpen()).isTrue();

        client.advanceTime(Duration.ofSeconds(2));
        assertThat(session.state()).isEqualTo(SessionState.DEAD);
        assertThat(client.readOutboundString()).isEqualTo(frame("{\"type\":\"error\",\"code\":\"timeout\"}"));
        assertThat(client.isOpen()).isFalse();
        assertThat(pipeline.registry().size()).isZero();
        assertThat(pipeline.metrics().timeouts()).isEqualTo(1);
    }

    @Test
    void applicationMessagesReachTheHandler() {
        EmbeddedConnection client = new EmbeddedConnection(pipeline.newConnectionHandler());
        client.writeInbound(frame("{\"type\":\"order\",\"qty\":3}"));
        assertThat(client.readOutboundString()).isEqualTo(frame("{\"type\":\"seen\"}"));
        assertThat(pipeline.metrics().framesIn()).isEqualTo(1);
    }
}
