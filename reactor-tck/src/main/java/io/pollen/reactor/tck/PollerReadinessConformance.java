package io.pollen.reactor.tck;

import io.pollen.reactor.spi.Interest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a poller reports, and for how long: level-triggered readiness of each {@link Interest},
 * interest changes, removals, the ends of a connection (end of stream, half-close, reset), accept
 * and connect. The SPI semantics the engine relies on.
 */
public abstract class PollerReadinessConformance extends PollerConformanceTest {
    /** A wait long enough for a byte already sent over loopback to be seen, had it been watched. */
    private static final long QUIET_WAIT = TimeUnit.MILLISECONDS.toNanos(20);

    /** @param backend the backend under test */
    protected PollerReadinessConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void reportsReadAfterThePeerWritesAndStopsOnceDrained() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 7, Interest.READ);
        assertThat(pollNow()).isEmpty();

        pair.client().write(ByteBuffer.wrap(new byte[] {42}));
        assertThat(pollUntilReady()).containsExactly(Map.entry(7, Interest.READ));
        assertThat(pollNow()).as("level-triggered: still ready until read").containsExactly(Map.entry(7, Interest.READ));

        assertThat(pair.server().read(ByteBuffer.allocate(8))).isEqualTo(1);
        assertThat(pollNow()).isEmpty();
    }

    @Test
    void reportsWriteForAnIdleConnection() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 3, Interest.READ | Interest.WRITE);
        assertThat(pollUntilReady()).containsExactly(Map.entry(3, Interest.WRITE));
    }

    @Test
    void modifyChangesWhatIsReported() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 1, Interest.NONE);
        pair.client().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollFor(QUIET_WAIT)).isEmpty();

        poller.modify(1, Interest.READ);
        assertThat(pollUntilReady()).containsExactly(Map.entry(1, Interest.READ));

        poller.modify(1, Interest.WRITE);
        assertThat(pollUntilReady()).containsExactly(Map.entry(1, Interest.WRITE));

        poller.modify(1, Interest.NONE);
        assertThat(pollFor(QUIET_WAIT)).isEmpty();
    }

    @Test
    void deregisteredTokensAreNotReportedAndCanBeReused() throws IOException {
        Pair first = pair();
        Pair second = pair();
        poller.register(first.server(), 5, Interest.READ);
        poller.deregister(5);
        poller.deregister(5);
        poller.deregister(12345);
        first.client().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollFor(QUIET_WAIT)).isEmpty();

        poller.register(second.server(), 5, Interest.READ);
        second.client().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntilReady()).containsExactly(Map.entry(5, Interest.READ));
    }

    @Test
    void reportsExactlyTheReadyOnesAmongManyAfterRemovalsInTheMiddle() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (int token = 0; token < 100; token++) {
            Pair pair = pair();
            pairs.add(pair);
            poller.register(pair.server(), token, Interest.READ);
        }
        for (int token = 10; token < 90; token += 2) {
            poller.deregister(token);
        }
        for (int token : new int[] {0, 11, 40, 41, 89, 99}) {
            pairs.get(token).client().write(ByteBuffer.wrap(new byte[] {1}));
        }
        Map<Integer, Integer> expected = new LinkedHashMap<>();
        for (int token : new int[] {0, 11, 41, 89, 99}) {
            expected.put(token, Interest.READ);
        }
        assertThat(pollUntil(expected.size())).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void reportsEndOfStreamAsRead() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 2, Interest.READ);
        pair.client().close();
        assertThat(pollUntilReady()).containsExactly(Map.entry(2, Interest.READ));
        assertThat(pair.server().read(ByteBuffer.allocate(8))).isEqualTo(-1);
    }

    @Test
    void reportsAHalfCloseAsReadSoThatPendingBytesAreDrainedFirst() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 2, Interest.READ);
        pair.client().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        pair.client().shutdownOutput();
        assertThat(pollUntilReady()).containsExactly(Map.entry(2, Interest.READ));
        ByteBuffer in = ByteBuffer.allocate(8);
        assertThat(pair.server().read(in)).isEqualTo(3);
        assertThat(pollNow()).as("still readable: the end of stream").containsExactly(Map.entry(2, Interest.READ));
        assertThat(pair.server().read(in)).isEqualTo(-1);
    }

    @Test
    void reportsAResetWithEveryInterestedBit() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 2, Interest.READ | Interest.WRITE);
        pair.client().setOption(StandardSocketOptions.SO_LINGER, 0);
        pair.client().close();
        Map<Integer, Integer> ready = pollUntil(1, (token, ops) -> ops == (Interest.READ | Interest.WRITE));
        assertThat(ready).containsExactly(Map.entry(2, Interest.READ | Interest.WRITE));
        assertThatThrownBy(() -> pair.server().read(ByteBuffer.allocate(8))).isInstanceOf(IOException.class);
    }

    @Test
    void reportsAcceptAndConnect() throws IOException {
        ServerSocketChannel listener = track(ServerSocketChannel.open());
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        poller.register(listener, 100, Interest.ACCEPT);

        SocketChannel client = track(SocketChannel.open());
        client.configureBlocking(false);
        boolean connected = client.connect(listener.getLocalAddress());
        poller.register(client, 101, connected ? Interest.NONE : Interest.CONNECT);

        Map<Integer, Integer> ready = pollUntil(connected ? 1 : 2);
        assertThat(ready).containsEntry(100, Interest.ACCEPT);
        if (!connected) {
            assertThat(ready).containsEntry(101, Interest.CONNECT);
            assertThat(client.finishConnect()).isTrue();
        }
        assertThat(track(listener.accept())).isNotNull();
    }
}
