package io.pollen.micrometer;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.tck.Await;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** A bare reactor, no session layer, bound on its own: the meters follow its connections and loops. */
class ReactorMeterBinderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aBareReactorsMetersFollowItsConnectionsAndNameEachLoop() throws Exception {
        ConnectionHandler discard = (connection, data) -> data.position(data.limit());
        try (Reactor reactor = Reactor.builder().threads(2).build();
             ReactorMeterBinder meters = new ReactorMeterBinder(reactor, Tags.of("role", "test"))) {
            meters.bindTo(registry);
            Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", 0), () -> discard);

            try (Socket socket = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
                socket.getOutputStream().write(new byte[100]);
                Await.until("the open connection", () -> open() == 1);
                Await.until("the bytes read", () -> counter(ReactorMeterBinder.BYTES_READ) == 100);
            }
            Await.until("the closed connection", () -> open() == 0
                    && counter(ReactorMeterBinder.CONNECTIONS_CLOSED) == 1);
            assertThat(counter(ReactorMeterBinder.CONNECTIONS_ACCEPTED)).isEqualTo(1);
            assertThat(registry.get(ReactorMeterBinder.LOOP_TASK_QUEUE_DEPTH).gauges())
                    .extracting(gauge -> gauge.getId().getTag(ReactorMeterBinder.LOOP_TAG))
                    .containsExactlyInAnyOrder("0", "1");
            assertThat(registry.get(ReactorMeterBinder.CONNECTIONS_OPEN).gauge().getId().getTag("role")).isEqualTo("test");
        }
        assertThat(registry.getMeters()).as("closing the binder takes its meters out").isEmpty();
    }

    private double open() {
        return registry.get(ReactorMeterBinder.CONNECTIONS_OPEN).gauge().value();
    }

    private double counter(String name) {
        return registry.get(name).functionCounter().count();
    }
}
