package io.pollen.codec.netstring;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetstringEncoderTest {

    @Test
    void framesTheSpecExample() {
        assertThat(text(NetstringEncoder.encodeToArray(bytes("hello world!")))).isEqualTo("12:hello world!,");
    }

    @Test
    void framesAnEmptyPayloadAsZeroColonComma() {
        assertThat(concat(NetstringEncoder.encode(ByteBuffer.allocate(0)))).isEqualTo("0:,");
    }

    @Test
    void writesHeadersOfEveryWidth() {
        assertThat(text(NetstringEncoder.header(0))).isEqualTo("0:");
        assertThat(text(NetstringEncoder.header(9))).isEqualTo("9:");
        assertThat(text(NetstringEncoder.header(10))).isEqualTo("10:");
        assertThat(text(NetstringEncoder.header(104_857_600))).isEqualTo("104857600:");
        assertThat(text(NetstringEncoder.header(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE + ":");
    }

    @Test
    void returnsHeaderPayloadAndCommaWithoutCopyingThePayload() {
        ByteBuffer payload = ByteBuffer.wrap(bytes("--hello--"), 2, 5);

        ByteBuffer[] frame = NetstringEncoder.encode(payload);

        assertThat(frame).hasSize(3);
        assertThat(frame[1].array()).as("the payload's own backing array").isSameAs(payload.array());
        assertThat(concat(frame)).isEqualTo("5:hello,");
        assertThat(payload.position()).as("the caller's buffer is untouched").isEqualTo(2);
        assertThat(payload.remaining()).isEqualTo(5);
    }

    @Test
    void givesEveryFrameItsOwnCommaBuffer() {
        ByteBuffer[] first = NetstringEncoder.encode(ByteBuffer.wrap(bytes("a")));
        ByteBuffer[] second = NetstringEncoder.encode(ByteBuffer.wrap(bytes("b")));

        concat(first);

        assertThat(concat(second)).as("writing one frame must not drain another's comma").isEqualTo("1:b,");
    }

    @Test
    void computesTheFrameLength() {
        assertThat(NetstringEncoder.frameLength(0)).isEqualTo(3);
        assertThat(NetstringEncoder.frameLength(12)).isEqualTo("12:hello world!,".length());
        assertThat(NetstringEncoder.frameLength(100)).isEqualTo(4 + 100 + 1);
    }

    @Test
    void roundTripsThroughTheDecoder() {
        String payload = "{\"type\":\"echo\",\"text\":\"\u00e9t\u00e9, 12:x,\"}";
        byte[] frame = NetstringEncoder.encodeToArray(bytes(payload));

        assertThat(FrameRecorder.decode(new NetstringDecoder(1000, 1000), frame)).containsExactly("frame:" + payload);
    }

    @Test
    void rejectsANegativeLength() {
        assertThatThrownBy(() -> NetstringEncoder.header(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return text(bytes);
    }

    /** Drains the buffers in order, as a gathering write would. */
    private static String concat(ByteBuffer[] buffers) {
        StringBuilder all = new StringBuilder();
        for (ByteBuffer buffer : buffers) {
            all.append(text(buffer));
            buffer.position(buffer.limit());
        }
        return all.toString();
    }
}
