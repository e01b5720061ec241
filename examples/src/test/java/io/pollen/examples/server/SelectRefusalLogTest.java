package io.pollen.examples.server;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.spi.BackendAliases;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's failure, explained: a select server whose clients' descriptors pass FD_SETSIZE writes
 * why it closes them. Select only: the other backends have no such limit.
 */
class SelectRefusalLogTest {
    /** Each connection costs this process two descriptors (both ends), so this passes 1024 on the server side. */
    private static final int MAX_CLIENTS = 1_100;

    @Test
    void clientsPastDescriptor1023AreRefusedWithALineSayingWhyAndWhatToDo() throws Exception {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        RefusalLog log = new RefusalLog(firstLine::complete, System::nanoTime, RefusalLog.DEFAULT_INTERVAL_NANOS);
        Reactor reactor = Reactor.builder().backend(BackendAliases.SELECT).threads(1).overloadListener(log).build();
        List<Socket> clients = new ArrayList<>();
        try {
            Listener listener = reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Quiet::new);
            while (!firstLine.isDone() && clients.size() < MAX_CLIENTS) {
                clients.add(new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort()));
            }
            assertThat(firstLine.get(30, TimeUnit.SECONDS))
                    .startsWith("pollen: refused 1 connection(s) since the last report (backend_capacity): ")
                    .contains("FD_SETSIZE of 1024")
                    .endsWith("remedy: use --backend poll or epoll");
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            reactor.shutdown(Duration.ofSeconds(5));
        }
    }

    /** Holds its connection open and says nothing. */
    private static final class Quiet implements ConnectionHandler {
        @Override
        public void onRead(Connection connection, ByteBuffer data) {
        }
    }
}
