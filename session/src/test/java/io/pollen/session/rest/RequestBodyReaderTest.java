package io.pollen.session.rest;

import io.pollen.codec.json.JsonLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body reader alone, over in-memory streams: sizes, the switch to a spool file, the spool budget. */
class RequestBodyReaderTest {
    private static final int THRESHOLD = 100;

    @TempDir
    Path spoolDirectory;

    private final ReadWatchdog watchdog = new ReadWatchdog(Duration.ofSeconds(30), "test-watchdog");
    private BodySpool spool;

    @AfterEach
    void stopWatchdog() {
        watchdog.close();
    }

    private RequestBodyReader reader(long limit, long maxSpoolBytes) {
        spool = new BodySpool(spoolDirectory, maxSpoolBytes);
        return new RequestBodyReader(new JsonBodyValidator(new JsonLimits()), spool, watchdog, limit, THRESHOLD,
                Duration.ofSeconds(30), 0);
    }

    @Test
    void readsABodyUpToTheThresholdIntoMemory() throws Exception {
        byte[] json = "[1,2,3]".getBytes(StandardCharsets.UTF_8);

        try (RequestBody declared = reader(1000, 1000).read("7", new ByteArrayInputStream(json), true);
             RequestBody chunked = reader(1000, 1000).read(null, new ByteArrayInputStream(json), true)) {
            for (RequestBody body : new RequestBody[] {declared, chunked}) {
                assertThat(body.isSpooled()).isFalse();
                assertThat(bytes(body.payload())).isEqualTo(json);
            }
        }
    }

    @Test
    void aBodyOverTheThresholdIsSpooledWithItsShareOfTheBudgetUntilClosed() throws Exception {
        byte[] json = CountingJson.array(THRESHOLD * 50);

        for (String contentLength : new String[] {String.valueOf(json.length), null}) {
            RequestBody body = reader(100_000, 100_000).read(contentLength, new ByteArrayInputStream(json), true);
            assertThat(body.isSpooled()).as("Content-Length %s", contentLength).isTrue();
            assertThat(body.length()).isEqualTo(json.length);
            assertThat(spool.budget().used()).isEqualTo(json.length);
            FileChannel file = body.handOver();
            ByteBuffer copy = ByteBuffer.allocate(json.length);
            file.read(copy, 0);
            assertThat(copy.array()).isEqualTo(json);
            // Unix unlinks a DELETE_ON_CLOSE file at once: nothing is left behind even if the process dies.
            assertThat(Files.list(spoolDirectory)).isEmpty();

            file.close();

            assertThat(spool.budget().used()).isZero();
        }
    }

    @Test
    void badJsonAtTheVeryEndOfASpooledBodyLeavesNoFileAndNoReservation() throws Exception {
        byte[] json = CountingJson.array(THRESHOLD * 50);
        json[json.length - 1] = '}';

        assertThatThrownBy(() -> reader(100_000, 100_000).read(null, new ByteArrayInputStream(json), true))
                .isInstanceOfSatisfying(RestRequestException.class, e -> assertThat(e.error()).isEqualTo(RestError.BAD_JSON));
        assertThat(spool.budget().used()).isZero();
        assertThat(Files.list(spoolDirectory)).isEmpty();
    }

    @Test
    void aDeclaredBodyBeyondTheSpoolBudgetIsRefusedBeforeAByteIsRead() {
        CountingStream body = new CountingStream();

        assertThatThrownBy(() -> reader(100_000, 1000).read("1001", body, true))
                .isInstanceOfSatisfying(RestRequestException.class, e -> assertThat(e.error()).isEqualTo(RestError.SPOOL_FULL))
                .hasMessageContaining("spool for large bodies is full");
        assertThat(body.read).isZero();
    }

    @Test
    void aChunkedBodyThatOutgrowsTheSpoolBudgetIsRefusedAndGivesItsShareBack() {
        byte[] json = CountingJson.array(5000);

        assertThatThrownBy(() -> reader(100_000, 1000).read(null, new ByteArrayInputStream(json), true))
                .isInstanceOfSatisfying(RestRequestException.class, e -> assertThat(e.error()).isEqualTo(RestError.SPOOL_FULL));
        assertThat(spool.budget().used()).isZero();
    }

    @Test
    void aBodyThatMayNotBeSpooledIsTooLargeOverTheThreshold() {
        byte[] json = CountingJson.array(THRESHOLD + 1);
        CountingStream declared = new CountingStream();

        assertThatThrownBy(() -> reader(1000, 1000).read("101", declared, false))
                .isInstanceOfSatisfying(RestRequestException.class, e -> assertThat(e.error()).isEqualTo(RestError.TOO_LARGE))
                .hasMessageContaining("a broadcast body may be at most 100 bytes");
        assertThat(declared.read).isZero();
        assertThatThrownBy(() -> reader(1000, 1000).read(null, new ByteArrayInputStream(json), false))
                .isInstanceOfSatisfying(RestRequestException.class, e -> assertThat(e.error()).isEqualTo(RestError.TOO_LARGE));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() {
        CountingStream body = new CountingStream();

        assertThatThrownBy(() -> reader(10, 1000).read("11", body, true))
                .isInstanceOfSatisfying(RestRequestException.class,
                        e -> assertThat(e.error()).isEqualTo(RestError.TOO_LARGE))
                .hasMessageContaining("at most 10 bytes")
                .hasMessageContaining("11 bytes declared by Content-Length");
        assertThat(body.read).isZero();
    }

    @Test
    void anEndlessBodyOfUnknownLengthIsRefusedWithinOneReadPastTheLimit() {
        CountingStream endless = new CountingStream();

        assertThatThrownBy(() -> reader(1000, 1_000_000).read(null, endless, true))
                .isInstanceOfSatisfying(RestRequestException.class,
                        e -> assertThat(e.error()).isEqualTo(RestError.TOO_LARGE));
        assertThat(endless.read).isBetween(1001L, 1000L + RequestBodyReader.CHUNK);
        assertThat(spool.budget().used()).isZero();
    }

    @Test
    void aMalformedContentLengthIsABadRequest() {
        for (String bad : new String[] {"-1", "ten", ""}) {
            assertThatThrownBy(() -> reader(10, 10).read(bad, new CountingStream(), true))
                    .isInstanceOfSatisfying(RestRequestException.class,
                            e -> assertThat(e.error()).isEqualTo(RestError.BAD_REQUEST));
        }
    }

    @Test
    void piecesSplitAnywhereAreCheckedAsOneBody() throws Exception {
        byte[] json = "{\"type\":\"x\",\"s\":\"h\u00e9llo\"}".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= json.length; split++) {
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(json, split)),
                    new ByteArrayInputStream(Arrays.copyOfRange(json, split, json.length)));
            try (RequestBody body = reader(1000, 1000).read(null, in, true)) {
                assertThat(bytes(body.payload())).as("split at %d", split).isEqualTo(json);
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** JSON arrays of an exact length. */
    static final class CountingJson {
        private CountingJson() {
        }

        /** @return {@code ["xxx...x"]} of exactly {@code length} bytes, at least 4 */
        static byte[] array(int length) {
            byte[] json = new byte[length];
            Arrays.fill(json, (byte) 'x');
            json[0] = '[';
            json[1] = '"';
            json[length - 2] = '"';
            json[length - 1] = ']';
            return json;
        }
    }

    /** An endless stream of spaces that counts what was taken from it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) ' ');
            read += length;
            return length;
        }
    }
}
