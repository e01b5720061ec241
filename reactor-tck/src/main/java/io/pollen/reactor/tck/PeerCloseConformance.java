package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How the reactor sees a peer go: reset, half-close, orderly close. */
public abstract class PeerCloseConformance extends ConformanceTest {

    /** @param backend the backend under test */
    protected PeerCloseConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void aResetByThePeerClosesTheConnectionWithAnIoCause() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor();
        Listener listener = listenOnLoopback(reactor, () -> server);
        BlockingClient client = BlockingClient.connect(listener.localAddress());
        server.opened.get(30, TimeUnit.SECONDS);
        client.send("partial");
        Await.until("the bytes", () -> server.receivedCount() == 7);

        client.reset();

        assertThat(server.closed.get(30, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        Await.until("the connection to be released", () -> reactor.metrics().openConnections() == 0);
    }

    @Test
    void afterAHalfCloseTheServerCanStillAnswer() throws Exception {
        HalfCloseResponder server = new HalfCloseResponder();
        Listener listener = listenOnLoopback(reactor(), () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            client.send("question");
            client.shutdownOutput();
            assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("answer to 8 bytes");
        }
        assertThat(server.closed.get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void anOrderlyCloseByThePeerIsReportedWithoutACause() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Listener listener = listenOnLoopback(reactor(), () -> server);
        BlockingClient client = BlockingClient.connect(listener.localAddress());
        server.opened.get(30, TimeUnit.SECONDS);

        client.close();

        server.inputClosed.get(30, TimeUnit.SECONDS);
        assertThat(server.closed.get(30, TimeUnit.SECONDS)).isNull();
    }

    /** Answers once the peer has finished sending, then closes. */
    private static final class HalfCloseResponder extends RecordingHandler {
        @Override
        public void onInputClosed(Connection connection) {
            String answer = "answer to " + receivedCount() + " bytes";
            connection.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
            connection.close();
        }
    }
}
