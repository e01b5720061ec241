package io.pollen.reactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streamed writes through the engine's own write path, with the embedded transport: order with the
 * writes around them, accounting against the marks but not the cap, the pending-stream limit, and the
 * file's release when sent, on abort and when it turns out shorter than its region. The same path on
 * sockets is the reactor test kit's {@code StreamedWriteConformance}.
 */
class EmbeddedStreamedWriteTest {
    private static final long LOW = 1024;
    private static final long HIGH = 4096;
    private static final long CAP = 8192;
    /** Forty times the cap. */
    private static final int REGION = 40 * 8192;

    @TempDir
    Path directory;

    private final EmbeddedConnectionTest.IdleClosingEcho handler = new EmbeddedConnectionTest.IdleClosingEcho();

    private EmbeddedConnection connection() {
        return new EmbeddedConnection(handler, new EmbeddedEventLoop(), LOW, HIGH, CAP, OverflowPolicy.REJECT_WRITE);
    }

    @Test
    void aRegionLargerThanTheCapGoesOutInOrderAndItsFileIsClosed() throws IOException {
        EmbeddedConnection connection = connection();
        byte[] content = content(REGION + 10);
        FileChannel file = open(content);

        assertThat(connection.write(ascii("["))).isEqualTo(WriteResult.QUEUED);
        assertThat(connection.writeFile(ascii("<"), file, 10, REGION, ascii(">"))).isEqualTo(WriteResult.QUEUED);
        assertThat(connection.write(ascii("]"))).isEqualTo(WriteResult.QUEUED);

        byte[] out = connection.readAllOutbound();
        assertThat(out).hasSize(REGION + 4);
        assertThat(new String(out, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("[<");
        assertThat(Arrays.copyOfRange(out, 2, REGION + 2)).isEqualTo(Arrays.copyOfRange(content, 10, REGION + 10));
        assertThat(new String(out, REGION + 2, 2, StandardCharsets.US_ASCII)).isEqualTo(">]");
        assertThat(file.isOpen()).as("the sent file is closed").isFalse();
        assertThat(connection.pendingWriteBytes()).isZero();
    }

    @Test
    void aProducedStreamLargerThanTheCapGoesOutInOrderAndItsProducerIsReleasedOnce() {
        EmbeddedConnection connection = connection();
        byte[] content = content(REGION);
        int[] releases = new int[1];
        StreamProducer producer = new StreamProducer() {
            private int at;

            @Override
            public void produce(ByteBuffer into) {
                int n = Math.min(into.remaining(), content.length - at);
                into.put(content, at, n);
                at += n;
            }

            @Override
            public void release() {
                releases[0]++;
            }
        };

        assertThat(connection.write(ascii("["))).isEqualTo(WriteResult.QUEUED);
        assertThat(connection.writeStream(ascii("<"), producer, REGION, ascii(">"))).isEqualTo(WriteResult.QUEUED);
        assertThat(connection.write(ascii("]"))).isEqualTo(WriteResult.QUEUED);

        byte[] out = connection.readAllOutbound();
        assertThat(out).hasSize(REGION + 4);
        assertThat(new String(out, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("[<");
        assertThat(Arrays.copyOfRange(out, 2, REGION + 2)).isEqualTo(content);
        assertThat(new String(out, REGION + 2, 2, StandardCharsets.US_ASCII)).isEqualTo(">]");
        assertThat(releases[0]).as("released once, when sent").isEqualTo(1);
        assertThat(connection.pendingWriteBytes()).isZero();
    }

    @Test
    void aPendingRegionCountsTowardsTheMarksButNotTheCap() throws IOException {
        EmbeddedConnection connection = connection();
        connection.setPeerReading(false);
        FileChannel file = open(content(REGION));

        assertThat(connection.writeFile(file, 0, REGION)).isEqualTo(WriteResult.QUEUED);
        connection.embeddedLoop().runPendingTasks();

        assertThat(connection.pendingWriteBytes()).isEqualTo(REGION);
        assertThat(connection.isWritable()).isFalse();
        assertThat(handler.writability).containsExactly(false);
        assertThat(connection.write(ByteBuffer.allocate((int) CAP))).as("the cap is for bytes in memory")
                .isEqualTo(WriteResult.QUEUED);

        connection.setPeerReading(true);

        assertThat(connection.readAllOutbound()).hasSize(REGION + (int) CAP);
        assertThat(connection.pendingWriteBytes()).isZero();
        assertThat(handler.writability).containsExactly(false, true);
    }

    @Test
    void streamsBeyondTheMostPendingAreRefusedAndAnAbortClosesThePendingFiles() throws IOException {
        EmbeddedConnection connection = connection();
        connection.setPeerReading(false);
        byte[] content = content(REGION);
        FileChannel[] pending = new FileChannel[ReactorBuilder.DEFAULT_MAX_PENDING_STREAMS];
        for (int i = 0; i < pending.length; i++) {
            pending[i] = open(content);
            assertThat(connection.writeFile(pending[i], 0, REGION)).isEqualTo(WriteResult.QUEUED);
        }
        try (FileChannel refused = open(content)) {
            assertThat(connection.writeFile(refused, 0, REGION)).isEqualTo(WriteResult.REJECTED_FULL);
            assertThat(refused.isOpen()).as("a refused write leaves the file to its caller").isTrue();

            connection.abort();

            for (FileChannel file : pending) {
                assertThat(file.isOpen()).isFalse();
            }
            assertThat(connection.pendingWriteBytes()).isZero();
            assertThat(connection.writeFile(refused, 0, REGION)).isEqualTo(WriteResult.CLOSED);
            assertThat(refused.isOpen()).isTrue();
        }
    }

    @Test
    void aFileShorterThanItsRegionClosesTheConnection() throws IOException {
        EmbeddedConnection connection = connection();
        FileChannel file = open(content(100));

        assertThat(connection.writeFile(file, 0, 200)).isEqualTo(WriteResult.QUEUED);
        connection.readAllOutbound();

        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.closeCause()).isInstanceOf(EOFException.class);
        assertThat(file.isOpen()).isFalse();
        assertThat(connection.pendingWriteBytes()).isZero();
    }

    private FileChannel open(byte[] content) throws IOException {
        Path path = Files.createTempFile(directory, "region", ".bin");
        Files.write(path, content);
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
