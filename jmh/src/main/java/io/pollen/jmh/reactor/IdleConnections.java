package io.pollen.jmh.reactor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback connections that never send anything, both ends in this JVM: the crowd a server holds
 * while one connection is busy. Each costs two descriptors.
 *
 * <p>The accepted ends (the ones a server registers) get the lowest descriptor numbers available:
 * each batch first parks placeholder files on the low numbers, connects the clients above them, then
 * frees the placeholders so that the accepted ends take their places. This lets {@code select(2)},
 * which refuses descriptors from 1024 up, hold as many idle connections as its cap allows.
 *
 * <p>Not thread-safe; used by one benchmark thread during setup and tear-down.
 */
final class IdleConnections implements AutoCloseable {
    private static final int BATCH = 256;

    private final List<SocketChannel> accepted = new ArrayList<>();
    private final List<SocketChannel> clients = new ArrayList<>();

    /**
     * Opens {@code count} idle connections, all ends non-blocking.
     *
     * @param count how many
     * @throws IOException if a socket cannot be opened (check the open-file limit: 2 per connection)
     */
    IdleConnections(int count) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BATCH);
            for (int opened = 0; opened < count; opened += BATCH) {
                openBatch(listener, Math.min(BATCH, count - opened));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void openBatch(ServerSocketChannel listener, int size) throws IOException {
        List<FileChannel> placeholders = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                placeholders.add(FileChannel.open(Path.of("/dev/null")));
            }
            for (int i = 0; i < size; i++) {
                SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                clients.add(client);
                client.configureBlocking(false);
            }
        } finally {
            for (FileChannel placeholder : placeholders) {
                placeholder.close();
            }
        }
        for (int i = 0; i < size; i++) {
            SocketChannel server = listener.accept();
            accepted.add(server);
            server.configureBlocking(false);
        }
    }

    /** @return the accepted ends, to register with a poller */
    List<SocketChannel> accepted() {
        return accepted;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (List<SocketChannel> side : List.of(accepted, clients)) {
            for (SocketChannel channel : side) {
                try {
                    channel.close();
                } catch (IOException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            side.clear();
        }
        if (first != null) {
            throw first;
        }
    }
}
