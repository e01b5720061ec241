package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.ListenOptions;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code SO_REUSEPORT} listeners ({@link ListenOptions#reusePort(boolean)}): two reactors, as two
 * processes would, listen on one port and the kernel hands connections to both; without the option
 * on either socket the second bind fails as it always has. Linux semantics: the kernel spreads
 * connections over the sockets sharing a port.
 */
public abstract class ReusePortConformance extends ConformanceTest {
    /**
     * Connections tried before giving up on seeing both reactors accept: the kernel picks a socket by a
     * hash of each connection's addresses, so with two sockets the chance that this many connections
     * from distinct ephemeral ports all land on one is 2^-199.
     */
    private static final int MOST_CONNECTIONS_TRIED = 200;
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);

    /** @param backend the backend under test */
    protected ReusePortConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void twoReactorsListeningWithReusePortOnOnePortBothAccept() throws IOException {
        ListenOptions reusePort = new ListenOptions().reusePort(true);
        Listener first = reactor().listen(ANY_LOOPBACK_PORT, () -> new AnswersWithTag("1"), reusePort);
        Listener second = reactor().listen(first.localAddress(), () -> new AnswersWithTag("2"), reusePort);

        assertThat(second.localAddress()).isEqualTo(first.localAddress());
        Set<String> acceptedBy = new HashSet<>();
        for (int i = 0; i < MOST_CONNECTIONS_TRIED && acceptedBy.size() < 2; i++) {
            acceptedBy.add(whoAccepts(first.localAddress()));
        }
        assertThat(acceptedBy).as("the reactors that accepted a connection").containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void withoutReusePortOnTheSecondSocketItsBindFails() throws IOException {
        Listener first = reactor().listen(ANY_LOOPBACK_PORT, () -> new AnswersWithTag("1"), new ListenOptions().reusePort(true));
        Reactor second = reactor();

        assertThatThrownBy(() -> second.listen(first.localAddress(), () -> new AnswersWithTag("2")))
                .isInstanceOf(BindException.class).hasMessageContaining(first.localAddress().toString());
        assertThat(whoAccepts(first.localAddress())).as("the first listener is untouched").isEqualTo("1");
    }

    @Test
    void withoutReusePortOnTheFirstSocketTheSecondCannotShareThePort() throws IOException {
        Listener first = reactor().listen(ANY_LOOPBACK_PORT, () -> new AnswersWithTag("1"));
        Reactor second = reactor();

        assertThatThrownBy(() -> second.listen(first.localAddress(), () -> new AnswersWithTag("2"),
                new ListenOptions().reusePort(true)))
                .isInstanceOf(BindException.class).hasMessageContaining(first.localAddress().toString());
    }

    /** Connects, reads the tag of the reactor that accepted, and closes. */
    private static String whoAccepts(InetSocketAddress address) {
        try (BlockingClient client = BlockingClient.connect(address)) {
            return client.readString(1);
        }
    }

    /** Writes its reactor's one-byte tag as soon as the connection opens. */
    private static final class AnswersWithTag implements ConnectionHandler {
        private final byte[] tag;

        AnswersWithTag(String tag) {
            this.tag = tag.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void onOpen(Connection connection) {
            if (!connection.write(ByteBuffer.wrap(tag)).isQueued()) {
                // The client then reads end of stream where it expected the tag, and the test says so.
                connection.close();
            }
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }
    }
}
