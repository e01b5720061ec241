package io.pollen.reactor.example;

import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.tck.BlockingClient;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example works as printed. */
class EchoServerTest {

    @Test
    void theReadmeHandlerEchoes() throws Exception {
        try (Reactor reactor = Reactor.builder().backend("auto").build()) {
            Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", 0), EchoServer.Echo::new);
            try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
                client.send("hello pollen");
                assertThat(client.readString(12)).isEqualTo("hello pollen");
            }
        }
    }
}
