package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.WriteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streamed writes ({@link Connection#writeFile}): a file region far larger than the connection's
 * in-memory write cap goes out intact and in order with the writes around it, counts towards
 * {@link Connection#pendingWriteBytes()} until sent, and its file is closed by the connection once
 * sent, or when the connection is aborted or its peer goes away mid-stream.
 */
public abstract class StreamedWriteConformance extends ConformanceTest {
    private static final int LOW = 16 * 1024;
    private static final int HIGH = 64 * 1024;
    private static final int CAP = 256 * 1024;
    private static final int CHUNK = 64 * 1024;
    /** 16 MiB: 64 times the write cap, and far more than loopback's socket buffers hold. */
    private static final int CHUNKS = 256;
    private static final long REGION = (long) CHUNK * CHUNKS;
    /** Bytes before the region in its file, so that the region's position is honoured. */
    private static final int FILE_PREFIX = 100;
    private static final long SEED = 13;

    @TempDir
    Path directory;

    /** @param backend the backend under test */
    protected StreamedWriteConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void aRegionFarLargerThanTheWriteCapArrivesIntactBetweenTheWritesAroundIt() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP));
        Listener listener = listenOnLoopback(reactor, () -> server);
        Path data = regionFile();
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            FileChannel file = FileChannel.open(data, StandardOpenOption.READ);

            // From the test thread: the three writes travel through the loop's task queue, in order.
            assertThat(connection.write(ascii("before|"))).isEqualTo(WriteResult.QUEUED);
            assertThat(connection.writeFile(ascii("<"), file, FILE_PREFIX, REGION, ascii(">"))).isEqualTo(WriteResult.QUEUED);
            assertThat(connection.write(ascii("|after"))).isEqualTo(WriteResult.QUEUED);

            assertThat(client.readString(8)).isEqualTo("before|<");
            assertThat(checksumOf(client.socket().getInputStream(), REGION)).isEqualTo(TestData.checksum(SEED, CHUNKS, CHUNK));
            assertThat(client.readString(7)).isEqualTo(">|after");

            Await.until("the pending bytes to return to 0", () -> connection.pendingWriteBytes() == 0);
            Await.until("the connection to close the sent file", () -> !file.isOpen());
            // The region counted towards the water marks: unwritable while it was pending, writable after.
            Await.until("the writable event", () -> !server.writabilityChanges.isEmpty()
                    && server.writabilityChanges.get(server.writabilityChanges.size() - 1));
            assertThat(server.writabilityChanges.get(0)).as("the first writability change").isFalse();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void anAbortMidStreamClosesTheFileAndGivesBackItsBytes() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP));
        Listener listener = listenOnLoopback(reactor, () -> server);
        Path data = regionFile();
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            FileChannel file = FileChannel.open(data, StandardOpenOption.READ);

            assertThat(connection.writeFile(file, FILE_PREFIX, REGION)).isEqualTo(WriteResult.QUEUED);
            client.readExactly(CHUNK);
            Await.until("the region to be under way", () -> connection.pendingWriteBytes() <= REGION - CHUNK);

            connection.abort();

            server.closed.get(30, TimeUnit.SECONDS);
            Await.until("the aborted connection to close the file", () -> !file.isOpen());
            assertThat(connection.pendingWriteBytes()).isZero();
        }
    }

    @Test
    void aPeerGoneMidStreamReleasesTheRegion() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP));
        Listener listener = listenOnLoopback(reactor, () -> server);
        Path data = regionFile();
        Connection connection;
        FileChannel file = FileChannel.open(data, StandardOpenOption.READ);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            connection = server.opened.get(30, TimeUnit.SECONDS);
            assertThat(connection.writeFile(file, FILE_PREFIX, REGION)).isEqualTo(WriteResult.QUEUED);
            client.readExactly(CHUNK);
            client.reset();
        }

        assertThat(server.closed.get(30, TimeUnit.SECONDS)).as("close cause").isNotNull();
        Await.until("the closed connection to close the file", () -> !file.isOpen());
        assertThat(connection.pendingWriteBytes()).isZero();
    }

    @Test
    void aStreamedWriteBeyondTheMostPendingIsRefusedAndLeftToTheCaller() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP).maxPendingStreams(2));
        Listener listener = listenOnLoopback(reactor, () -> server);
        Path data = regionFile();
        try (BlockingClient client = BlockingClient.connect(listener.localAddress());
             FileChannel refused = FileChannel.open(data, StandardOpenOption.READ)) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            FileChannel first = FileChannel.open(data, StandardOpenOption.READ);
            FileChannel second = FileChannel.open(data, StandardOpenOption.READ);

            // With the loop held nothing is sent, so both stay pending whatever the kernel's buffers
            // would take, however small the cap; a third is one too many.
            HeldLoop held = HeldLoop.hold(connection);
            try {
                assertThat(connection.writeFile(first, FILE_PREFIX, REGION)).isEqualTo(WriteResult.QUEUED);
                assertThat(connection.writeFile(second, FILE_PREFIX, REGION)).isEqualTo(WriteResult.QUEUED);
                assertThat(connection.writeFile(refused, FILE_PREFIX, REGION)).isEqualTo(WriteResult.REJECTED_FULL);
                assertThat(refused.isOpen()).as("a refused write leaves the file to its caller").isTrue();
                assertThat(connection.isOpen()).isTrue();
                assertThat(connection.write(ascii("small"))).as("in-memory writes are not limited by streams")
                        .isEqualTo(WriteResult.QUEUED);
                assertThat(connection.pendingWriteBytes()).isEqualTo(2 * REGION + 5);
            } finally {
                held.release();
            }

            connection.abort();

            server.closed.get(30, TimeUnit.SECONDS);
            Await.until("the aborted connection to close both pending files", () -> !first.isOpen() && !second.isOpen());
            assertThat(connection.pendingWriteBytes()).isZero();
            assertThat(refused.isOpen()).isTrue();
        }
    }

    /** A file of {@link #FILE_PREFIX} bytes of padding, then the region: {@link #CHUNKS} chunks of test data. */
    private Path regionFile() throws IOException {
        Path path = directory.resolve("region.bin");
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(out, ByteBuffer.allocate(FILE_PREFIX));
            for (int i = 0; i < CHUNKS; i++) {
                writeFully(out, TestData.chunk(SEED, i, CHUNK));
            }
        }
        return path;
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static long checksumOf(InputStream in, long length) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[CHUNK];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new AssertionError("the stream ended " + left + " bytes before the region's end");
            }
            crc.update(buffer, 0, n);
            left -= n;
        }
        return crc.getValue();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
