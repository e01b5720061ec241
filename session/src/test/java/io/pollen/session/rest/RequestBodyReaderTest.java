package io.pollen.session.rest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodyReaderTest {

    @Test
    void readsABodyUpToTheLimit() throws Exception {
        byte[] body = "[1,2,3]".getBytes();

        assertThat(RequestBodyReader.read("7", new ByteArrayInputStream(body), 7)).isEqualTo(body);
        assertThat(RequestBodyReader.read(null, new ByteArrayInputStream(body), 7)).isEqualTo(body);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() {
        CountingStream body = new CountingStream();

        assertThatThrownBy(() -> RequestBodyReader.read("11", body, 10))
                .isInstanceOfSatisfying(RestRequestException.class,
                        e -> assertThat(e.error()).isEqualTo(RestError.TOO_LARGE))
                .hasMessageContaining("at most 10 bytes")
                .hasMessageContaining("11 bytes declared by Content-Length");
        assertThat(body.read).isZero();
    }

    @Test
    void anEndlessBodyOfUnknownLengthIsRefusedAfterTheLimitPlusOneByte() {
        CountingStream endless = new CountingStream();

        assertThatThrownBy(() -> RequestBodyReader.read(null, endless, 1000))
                .isInstanceOfSatisfying(RestRequestException.class,
                        e -> assertThat(e.error()).isEqualTo(RestError.TOO_LARGE));
        assertThat(endless.read).isEqualTo(1001);
    }

    @Test
    void aMalformedContentLengthIsABadRequest() {
        for (String bad : new String[] {"-1", "ten", ""}) {
            assertThatThrownBy(() -> RequestBodyReader.read(bad, new CountingStream(), 10))
                    .isInstanceOfSatisfying(RestRequestException.class,
                            e -> assertThat(e.error()).isEqualTo(RestError.BAD_REQUEST));
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
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) ' ');
            read += length;
            return length;
        }
    }
}
