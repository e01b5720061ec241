package io.pollen.reactor.select;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.PollerCapacityException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * select(2) is honest about FD_SETSIZE: descriptor numbers are pushed past 1024 by opening padding
 * files, and the poller must refuse the high descriptor with a typed, actionable error while every
 * registration it already holds keeps working.
 */
class SelectFdLimitTest {
    /** More than FD_SETSIZE: once these hold the lowest free numbers, any new descriptor is >= 1024. */
    private static final int PADDING = Select.FD_SETSIZE + 64;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<FileChannel> padding = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        releasePadding();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void capabilitiesStateTheLimit() {
        assertThat(new SelectPollerProvider().capabilities().maxDescriptor()).isEqualTo(OptionalInt.of(1024));
    }

    @Test
    void refusesADescriptorBeyondFdSetSizeAndKeepsServingTheOthers() throws IOException {
        SelectPoller poller = track(new SelectPoller());
        SocketChannel[] low = pair();
        poller.register(low[0], 1, Interest.READ);

        occupyLowDescriptors();
        SocketChannel[] high = pair();
        FdLimitExceededException refused = catchThrowableOfType(FdLimitExceededException.class,
                () -> poller.register(high[0], 2, Interest.READ));

        assertThat(refused).isInstanceOf(PollerCapacityException.class);
        assertThat(refused.fd()).isGreaterThanOrEqualTo(1024);
        assertThat(refused.limit()).isEqualTo(1024);
        assertThat(refused).hasMessage("fd " + refused.fd()
                + " is beyond select(2)'s FD_SETSIZE of 1024; use the poll or epoll backend");

        // The refused connection is not watched; the one registered before still is.
        high[1].write(ByteBuffer.wrap(new byte[] {1}));
        low[1].write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntilReady(poller)).containsExactly(Map.entry(1, Interest.READ));

        // What the engine does with a refusal: close that connection and carry on, even reusing its token.
        poller.deregister(2);
        high[0].close();
        releasePadding();
        SocketChannel[] again = pair();
        poller.register(again[0], 2, Interest.READ);
        again[1].write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntilReady(poller)).containsEntry(2, Interest.READ).containsEntry(1, Interest.READ);
    }

    @Test
    void refusesToOpenWhenItsOwnWakeupDescriptorIsBeyondFdSetSize() throws IOException {
        occupyLowDescriptors();
        FdLimitExceededException refused = catchThrowableOfType(FdLimitExceededException.class, SelectPoller::new);
        assertThat(refused.fd()).isGreaterThanOrEqualTo(1024);
        assertThat(refused).hasMessageContaining("use the poll or epoll backend");
    }

    private void occupyLowDescriptors() throws IOException {
        for (int i = 0; i < PADDING; i++) {
            padding.add(FileChannel.open(Path.of("/dev/null")));
        }
    }

    private void releasePadding() throws IOException {
        for (FileChannel file : padding) {
            file.close();
        }
        padding.clear();
    }

    private static Map<Integer, Integer> pollUntilReady(SelectPoller poller) throws IOException {
        Map<Integer, Integer> ready = new HashMap<>();
        for (int attempt = 0; attempt < 50 && ready.isEmpty(); attempt++) {
            poller.poll(TimeUnit.SECONDS.toNanos(10), ready::put);
        }
        return ready;
    }

    /** @return a connected non-blocking loopback pair: {accepted end, connecting end} */
    private SocketChannel[] pair() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = track(SocketChannel.open(listener.getLocalAddress()));
            SocketChannel server = track(listener.accept());
            client.configureBlocking(false);
            server.configureBlocking(false);
            return new SocketChannel[] {server, client};
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }
}
