package io.pollen.reactor.nio;

import io.pollen.reactor.spi.Interest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the NIO poller adds to the Poller contract (checked by {@link NioPollerTest}): replacing a
 * spinning selector keeps every registration and every wake-up.
 */
class NioPollerRebuildTest {
    private static final long HANG_GUARD_SECONDS = 30;

    private final NioPoller poller = new NioPoller(SelectorSpinDetector.DEFAULT_THRESHOLD);

    NioPollerRebuildTest() throws IOException {
    }

    @AfterEach
    void close() {
        poller.close();
    }

    @Test
    void registrationsSurviveASelectorRebuild() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            accepted.configureBlocking(false);
            poller.register(accepted, 7, Interest.READ);
            poller.rebuildSelector();
            assertThat(poller.rebuildCount()).isEqualTo(1);

            client.write(ByteBuffer.wrap(new byte[] {42}));
            List<int[]> ready = new ArrayList<>();
            while (ready.isEmpty()) {
                poller.poll(TimeUnit.SECONDS.toNanos(1), (token, ops) -> ready.add(new int[] {token, ops}));
            }
            assertThat(ready).singleElement().satisfies(r -> {
                assertThat(r[0]).isEqualTo(7);
                assertThat(r[1]).isEqualTo(Interest.READ);
            });
            poller.deregister(7);
        }
    }

    @Test
    void aWakeupThatReachedTheReplacedSelectorEndsTheNextPoll() throws Exception {
        poller.wakeup(); // lands on the selector about to be replaced
        poller.rebuildSelector();
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                return poller.poll(-1, (token, ops) -> {
                    throw new AssertionError("the wake-up must not be reported");
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(next.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isZero();
    }
}
