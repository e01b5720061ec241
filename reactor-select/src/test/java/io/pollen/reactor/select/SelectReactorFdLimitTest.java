package io.pollen.reactor.select;

import io.pollen.reactor.Listener;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.BlockingClient;
import io.pollen.reactor.tck.EchoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server side of select's FD_SETSIZE honesty: with descriptor numbers pushed past 1024, a new
 * connection the select poller refuses is closed, counted and reported to the overload callback with
 * select's own message, while the connections already served keep working.
 */
class SelectReactorFdLimitTest {
    private final List<FileChannel> padding = new ArrayList<>();
    private Reactor reactor;

    @AfterEach
    void release() throws IOException {
        releasePadding();
        if (reactor != null) {
            reactor.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void aConnectionBeyondFdSetSizeIsClosedCountedAndReportedWhileOthersKeepWorking() throws IOException {
        Map<OverloadReason, String> reported = new ConcurrentHashMap<>();
        reactor = Reactor.builder().backend(BackendAliases.SELECT).threads(1)
                .overloadListener(reported::put).build();
        Listener listener = reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), EchoHandler::new);

        try (BlockingClient served = BlockingClient.connect(listener.localAddress())) {
            assertThat(served.send("before").readString(6)).isEqualTo("before");

            occupyLowDescriptors();
            try (BlockingClient refused = BlockingClient.connect(listener.localAddress())) {
                assertThat(refused.peerClosed()).as("the server closes what select cannot watch").isTrue();
            }
            assertThat(reactor.metrics().overloads(OverloadReason.BACKEND_CAPACITY)).isEqualTo(1);
            assertThat(reported.get(OverloadReason.BACKEND_CAPACITY))
                    .contains("beyond select(2)'s FD_SETSIZE of 1024; use the poll or epoll backend");

            assertThat(served.send("during").readString(6)).as("earlier connections keep working").isEqualTo("during");

            releasePadding();
            try (BlockingClient later = BlockingClient.connect(listener.localAddress())) {
                assertThat(later.send("after").readString(5)).as("new connections fit again").isEqualTo("after");
            }
        }
        Await.until("every connection to close", () -> reactor.metrics().openConnections() == 0);
    }

    private void occupyLowDescriptors() throws IOException {
        for (int i = 0; i < Select.FD_SETSIZE + 64; i++) {
            padding.add(FileChannel.open(Path.of("/dev/null")));
        }
    }

    private void releasePadding() throws IOException {
        for (FileChannel file : padding) {
            file.close();
        }
        padding.clear();
    }
}
