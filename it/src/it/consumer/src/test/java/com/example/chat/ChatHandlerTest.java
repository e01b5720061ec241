package com.example.chat;

import io.pollen.reactor.EmbeddedConnection;
import io.pollen.reactor.EmbeddedEventLoop;
import io.pollen.reactor.ManualClock;
import io.pollen.session.SessionHandler;
import io.pollen.session.SessionPipeline;
import io.pollen.session.SessionServer;
import io.pollen.session.SessionState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md's "Testing your handlers without sockets", as a consumer's unit test. */
class ChatHandlerTest {
    private final SessionHandler myHandler = (session, message) -> session.send("{\"type\":\"seen\"}");

    @Test
    void aSilentClientTurnsSuspectAfterOneInterval() {
        SessionPipeline pipeline = SessionServer.builder().handler(myHandler).buildPipeline();
        EmbeddedEventLoop loop = new EmbeddedEventLoop(new ManualClock());
        EmbeddedConnection client = new EmbeddedConnection(pipeline.newConnectionHandler(), loop);
        client.writeInbound("27:{\"type\":\"hello\",\"id\":\"c-1\"},");
        loop.advanceTime(Duration.ofSeconds(31));                      // one silent keep-alive interval
        assertThat(pipeline.registry().find("c-1").orElseThrow().state()).isEqualTo(SessionState.SUSPECT);

        assertThat(client.readOutboundString()).startsWith("55:{\"type\":\"welcome\",\"session\":\"c-1\"");
        client.writeInbound("16:{\"type\":\"order\"},");
        assertThat(client.readOutboundString()).isEqualTo("15:{\"type\":\"seen\"},");
        assertThat(pipeline.registry().find("c-1").orElseThrow().state()).isEqualTo(SessionState.HEALTHY);
    }
}
