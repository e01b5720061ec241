package io.pollen.reactor.nio;

import io.pollen.reactor.spi.Interest;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NioPollerTest {

    @Test
    void registrationsSurviveASelectorRebuild() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            accepted.configureBlocking(false);
            NioPoller poller = new NioPoller(SelectorSpinDetector.DEFAULT_THRESHOLD);
            try {
                poller.register(accepted, 7, Interest.READ);
                poller.rebuildSelector();
                assertThat(poller.rebuildCount()).isEqualTo(1);

                client.write(ByteBuffer.wrap(new byte[] {42}));
                List<int[]> ready = new ArrayList<>();
                while (ready.isEmpty()) {
                    poller.poll(1_000_000_000L, (token, ops) -> ready.add(new int[] {token, ops}));
                }
                assertThat(ready).singleElement().satisfies(r -> {
                    assertThat(r[0]).isEqualTo(7);
                    assertThat(r[1]).isEqualTo(Interest.READ);
                });
            } finally {
                poller.deregister(7);
                poller.close();
            }
        }
    }

    @Test
    void aWakeupBeforeAnUntimedPollMakesItReturn() throws Exception {
        NioPoller poller = new NioPoller(SelectorSpinDetector.DEFAULT_THRESHOLD);
        try {
            poller.wakeup();
            assertThat(poller.poll(-1, (token, ops) -> { })).isZero();
        } finally {
            poller.close();
        }
    }
}
