package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.StreamProducer;
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
 * Streamed writes ({@link Connection#writeFile}, {@link Connection#writeStream}): a file region or a
 * produced stream far larger than the connection's in-memory write cap goes out intact and in order with
 * the writes around it, counts towards {@link Connection#pendingWriteBytes()} until sent, and its file is
 * closed (its producer released) by the connection once sent, or when the connection is aborted or its
 * peer goes away mid-stream; a producer is pulled on the loop thread, one window at a time.
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

    @Test
    void aProducedStreamFarLargerThanTheWriteCapIsPulledOneWindowAtATimeAndArrivesIntactInOrder() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            ChunkProducer producer = new ChunkProducer(connection, REGION);

            assertThat(connection.write(ascii("before|"))).isEqualTo(WriteResult.QUEUED);
            assertThat(connection.writeStream(ascii("<"), producer, REGION, ascii(">"))).isEqualTo(WriteResult.QUEUED);
            assertThat(connection.write(ascii("|after"))).isEqualTo(WriteResult.QUEUED);

            assertThat(client.readString(8)).isEqualTo("before|<");
            assertThat(checksumOf(client.socket().getInputStream(), REGION)).isEqualTo(TestData.checksum(SEED, CHUNKS, CHUNK));
            assertThat(client.readString(7)).isEqualTo(">|after");

            Await.until("the producer to be released once sent", () -> producer.releases.get() == 1);
            assertThat(producer.largestAsk).as("no pull asks for more than one window").isLessThanOrEqualTo(StreamProducer.WINDOW);
            assertThat(producer.offLoop).as("pulls made off the loop thread").isZero();
            Await.until("the pending bytes to return to 0", () -> connection.pendingWriteBytes() == 0);
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Test
    void aProducerThatRunsDryBeforeItsLengthClosesTheConnectionAndIsReleasedOnce() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            // Makes half of what it declares.
            ChunkProducer producer = new ChunkProducer(connection, REGION / 2);

            assertThat(connection.writeStream(null, producer, REGION, null)).isEqualTo(WriteResult.QUEUED);
            // Read what it made, so the loop comes to pull the byte it cannot make.
            checksumOf(client.socket().getInputStream(), REGION / 2);

            assertThat(server.closed.get(30, TimeUnit.SECONDS)).as("close cause").isInstanceOf(java.io.EOFException.class);
            Await.until("the producer to be released", () -> producer.releases.get() == 1);
            assertThat(connection.pendingWriteBytes()).isZero();
        }
    }

    @Test
    void anAbortMidStreamReleasesTheProducerAndGivesBackItsBytes() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);
            ChunkProducer producer = new ChunkProducer(connection, REGION);

            assertThat(connection.writeStream(null, producer, REGION, null)).isEqualTo(WriteResult.QUEUED);
            client.readExactly(CHUNK);
            Await.until("the stream to be under way", () -> connection.pendingWriteBytes() <= REGION - CHUNK);

            connection.abort();

            server.closed.get(30, TimeUnit.SECONDS);
            Await.until("the aborted connection to release the producer", () -> producer.releases.get() == 1);
            assertThat(connection.pendingWriteBytes()).isZero();
        }
    }

    /**
     * Makes the test data of {@link #regionFile()}'s region, {@code makes} bytes of it, recording how it
     * is pulled: the largest ask, pulls off the loop thread, and releases.
     */
    private static final class ChunkProducer implements StreamProducer {
        final java.util.concurrent.atomic.AtomicInteger releases = new java.util.concurrent.atomic.AtomicInteger();
        volatile int largestAsk;
        volatile int offLoop;
        private final Connection connection;
        private final long makes;
        private long made;

        ChunkProducer(Connection connection, long makes) {
            this.connection = connection;
            this.makes = makes;
        }

        @Override
        public void produce(ByteBuffer into) {
            if (!connection.loop().inLoop()) {
                offLoop++;
            }
            largestAsk = Math.max(largestAsk, into.remaining());
            while (into.hasRemaining() && made < makes) {
                int index = (int) (made / CHUNK);
                ByteBuffer chunk = TestData.chunk(SEED, index, CHUNK);
                chunk.position((int) (made % CHUNK));
                int n = (int) Math.min(Math.min(chunk.remaining(), into.remaining()), makes - made);
                chunk.limit(chunk.position() + n);
                into.put(chunk);
                made += n;
            }
        }

        @Override
        public void release() {
            releases.incrementAndGet();
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
