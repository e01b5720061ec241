package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 64 MiB each way: far more than the kernel's socket buffers, so writes are partial, the write
 * queue and writability pacing do the work, and the read buffer is reused for every chunk.
 */
public abstract class LargeTransferConformance extends ConformanceTest {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 1024;
    private static final long TOTAL = (long) CHUNK * CHUNKS;

    /** @param backend the backend under test */
    protected LargeTransferConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void sends64MiBToASlowReaderIntact() throws Exception {
        PacedSender sender = new PacedSender();
        Listener listener = listenOnLoopback(reactor(), () -> sender);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            CRC32 crc = new CRC32();
            long received = 0;
            InputStream in = client.socket().getInputStream();
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
                received += n;
            }
            assertThat(received).isEqualTo(TOTAL);
            assertThat(crc.getValue()).isEqualTo(TestData.checksum(7, CHUNKS, CHUNK));
        }
        assertThat(sender.closed.get(30, TimeUnit.SECONDS)).as("close cause").isNull();
        assertThat(sender.heldBack).as("the sender was paced by writability").isTrue();
    }

    @Test
    void receives64MiBIntact() throws Exception {
        ChecksummingReceiver receiver = new ChecksummingReceiver();
        Listener listener = listenOnLoopback(reactor(), () -> receiver);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            OutputStream out = client.socket().getOutputStream();
            for (int i = 0; i < CHUNKS; i++) {
                out.write(TestData.chunk(11, i, CHUNK).array());
            }
            client.shutdownOutput();
            assertThat(receiver.done.get(60, TimeUnit.SECONDS)).isEqualTo(TestData.checksum(11, CHUNKS, CHUNK));
            assertThat(receiver.bytes).isEqualTo(TOTAL);
        }
    }

    /** Writes chunks while the connection is writable, resumes when it becomes writable again. */
    private static final class PacedSender implements ConnectionHandler {
        final AtomicBoolean heldBack = new AtomicBoolean();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        private int next;

        @Override
        public void onOpen(Connection connection) {
            writeWhileWritable(connection);
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
        }

        @Override
        public void onWritabilityChanged(Connection connection, boolean writable) {
            if (writable) {
                writeWhileWritable(connection);
            } else {
                heldBack.set(true);
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            closed.complete(cause);
        }

        private void writeWhileWritable(Connection connection) {
            while (next < CHUNKS && connection.isWritable()) {
                if (!connection.write(TestData.chunk(7, next, CHUNK)).isQueued()) {
                    throw new AssertionError("a write below the high water mark was refused");
                }
                next++;
            }
            if (next == CHUNKS) {
                connection.close();
            }
        }
    }

    /** Checksums everything it reads; completes when the peer finishes. */
    private static final class ChecksummingReceiver implements ConnectionHandler {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final CRC32 crc = new CRC32();
        volatile long bytes;

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            bytes += data.remaining();
            crc.update(data);
        }

        @Override
        public void onInputClosed(Connection connection) {
            done.complete(crc.getValue());
            connection.close();
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            if (cause != null) {
                done.completeExceptionally(new UncheckedIOException(new IOException("closed early", cause)));
            }
        }
    }
}
