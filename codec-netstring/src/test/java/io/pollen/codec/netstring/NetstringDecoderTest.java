package io.pollen.codec.netstring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetstringDecoderTest {

    private static final long MAX = 100;
    /** Whole-frame thresholds every vector runs under: all streamed, mixed, all whole. */
    private static final int[] THRESHOLDS = {0, 4, 1000};

    record Vector(String name, String input, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Vector ok(String name, String input, String... frames) {
        return new Vector(name, input, Stream.of(frames).map(f -> "frame:" + f).toList());
    }

    private static Vector bad(String name, String input, FramingError error, long offset, String... framesBefore) {
        List<String> expected = Stream.concat(Stream.of(framesBefore).map(f -> "frame:" + f),
                Stream.of("error:" + error + "@" + offset)).toList();
        return new Vector(name, input, expected);
    }

    static Stream<Vector> vectors() {
        String hundred = "x".repeat(100);
        return Stream.of(
                ok("spec example", "12:hello world!,", "hello world!"),
                ok("empty frame", "0:,", ""),
                ok("several frames in one chunk", "5:hello,0:,3:abc,", "hello", "", "abc"),
                ok("payload holding the format's own bytes", "5:1:a,,,", "1:a,,"),
                ok("length counts bytes, not characters", "2:\u00e9,", "\u00e9"),
                ok("frame at exactly the maximum", "100:" + hundred + ",", hundred),
                ok("incomplete frame delivers nothing", "5:hel"),
                ok("incomplete length delivers nothing", "12"),
                ok("frames before an incomplete one", "1:a,1:b", "a"),
                bad("leading zero", "01:a,", FramingError.LEADING_ZERO, 1),
                bad("zero with a leading zero", "00:,", FramingError.LEADING_ZERO, 1),
                bad("plus sign", "+1:a,", FramingError.LENGTH_NOT_A_DIGIT, 0),
                bad("minus sign", "-1:a,", FramingError.LENGTH_NOT_A_DIGIT, 0),
                bad("leading space", " 1:a,", FramingError.LENGTH_NOT_A_DIGIT, 0),
                bad("space before the colon", "1 :a,", FramingError.LENGTH_NOT_A_DIGIT, 1),
                bad("newline between frames", "1:a,\n1:b,", FramingError.LENGTH_NOT_A_DIGIT, 4, "a"),
                bad("hex prefix", "0x1:a,", FramingError.LENGTH_NOT_A_DIGIT, 1),
                bad("Arabic-Indic digit one", "\u0661:a,", FramingError.LENGTH_NOT_A_DIGIT, 0),
                bad("fullwidth digit one", "\uff11:a,", FramingError.LENGTH_NOT_A_DIGIT, 0),
                bad("superscript one after a digit", "1\u00b9:a,", FramingError.LENGTH_NOT_A_DIGIT, 1),
                bad("empty length", ":a,", FramingError.EMPTY_LENGTH, 0),
                bad("wrong terminator", "3:abc;", FramingError.MISSING_COMMA, 5),
                bad("payload longer than declared", "3:abcd,", FramingError.MISSING_COMMA, 5),
                bad("payload shorter than declared", "5:abc,1:x,", FramingError.MISSING_COMMA, 7),
                bad("space inside the payload shifts the comma", "1: a,", FramingError.MISSING_COMMA, 3),
                bad("length over the maximum", "101:", FramingError.LENGTH_OVER_MAXIMUM, 2),
                bad("very long digit string", "99999999999999999999999999999:", FramingError.LENGTH_OVER_MAXIMUM, 2),
                bad("long digit string of zeros after a one", "1000000000000000000000:", FramingError.LENGTH_OVER_MAXIMUM, 3),
                bad("error after good frames in one chunk", "5:hello,0:,05:hello,", FramingError.LEADING_ZERO, 12,
                        "hello", ""),
                bad("missing comma after a large payload", "10:0123456789x", FramingError.MISSING_COMMA, 13));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesVectorInOneChunk(Vector vector) {
        for (int threshold : THRESHOLDS) {
            assertThat(FrameRecorder.decode(new NetstringDecoder(MAX, threshold), vector.input()))
                    .as("threshold %d", threshold)
                    .isEqualTo(vector.expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesVectorIdenticallyAtEverySplitPoint(Vector vector) {
        byte[] input = vector.input().getBytes(StandardCharsets.UTF_8);
        for (int threshold : THRESHOLDS) {
            for (int cut = 0; cut <= input.length; cut++) {
                assertThat(FrameRecorder.decode(new NetstringDecoder(MAX, threshold), input, cut))
                        .as("threshold %d, cut at %d", threshold, cut)
                        .isEqualTo(vector.expected());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesVectorIdenticallyOneByteAtATime(Vector vector) {
        byte[] input = vector.input().getBytes(StandardCharsets.UTF_8);
        int[] everyByte = IntStream.range(1, input.length).toArray();
        for (int threshold : THRESHOLDS) {
            assertThat(FrameRecorder.decode(new NetstringDecoder(MAX, threshold), input, everyByte))
                    .as("threshold %d", threshold)
                    .isEqualTo(vector.expected());
        }
    }

    @Test
    void rejectsAnOverlongDigitStringAtTheFirstDigitPastTheMaximum() {
        // 16 MiB has 8 digits: the ninth digit of a length without leading zero is always over it.
        NetstringDecoder decoder = new NetstringDecoder(16L << 20, 64 << 10);
        FrameRecorder recorder = new FrameRecorder();
        ByteBuffer input = ByteBuffer.wrap(("1" + "0".repeat(40) + ":").getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> decoder.decode(input, recorder))
                .isInstanceOfSatisfying(NetstringFramingException.class, e -> {
                    assertThat(e.error()).isEqualTo(FramingError.LENGTH_OVER_MAXIMUM);
                    assertThat(e.streamOffset()).isEqualTo(8);
                    assertThat(e.getMessage()).contains("100000000", "16777216", "stream offset 8");
                });
        assertThat(input.position()).as("nothing past the offending digit is read").isEqualTo(9);
    }

    @Test
    void namesTheRuleTheOffendingByteAndItsOffsetInTheMessage() {
        NetstringDecoder decoder = new NetstringDecoder(MAX, 10);

        assertThatThrownBy(() -> decoder.decode(ascii("3:abc;"), new FrameRecorder()))
                .hasMessage("the payload is not followed by ',': byte 0x3b (';') follows the 3-byte payload"
                        + " (stream offset 5)");
        assertThatThrownBy(() -> new NetstringDecoder(MAX, 10).decode(ascii("\u00001:a,"), new FrameRecorder()))
                .hasMessageContaining("byte 0x00 in the length prefix");
    }

    @Test
    void refusesToDecodeAfterAFramingError() throws Exception {
        NetstringDecoder decoder = new NetstringDecoder(MAX, 10);
        assertThatThrownBy(() -> decoder.decode(ascii("x"), new FrameRecorder()))
                .isInstanceOf(NetstringFramingException.class);

        assertThatThrownBy(() -> decoder.decode(ascii("1:a,"), new FrameRecorder()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close the connection");
    }

    @Test
    void deliversFramesUpToTheThresholdWholeAndLongerOnesAsChunks() throws Exception {
        NetstringDecoder decoder = new NetstringDecoder(MAX, 8);
        FrameRecorder recorder = new FrameRecorder();

        decoder.decode(ascii("8:12345678,9:123456789,"), recorder);

        assertThat(recorder.events).containsExactly("frame:12345678", "frame:123456789");
        assertThat(recorder.wholeFrames).isEqualTo(1);
        assertThat(recorder.largeFrames).isEqualTo(1);
    }

    @Test
    void streamsALargeFrameWithoutBufferingIt() throws Exception {
        int length = 10_000;
        NetstringDecoder decoder = new NetstringDecoder(length, 16);
        FrameRecorder recorder = new FrameRecorder();
        byte[] frame = NetstringEncoder.encodeToArray("z".repeat(length).getBytes(StandardCharsets.US_ASCII));

        for (int start = 0; start < frame.length; start += 100) {
            decoder.decode(ByteBuffer.wrap(frame, start, Math.min(100, frame.length - start)), recorder);
            assertThat(decoder.bufferedBytes()).isZero();
        }

        assertThat(recorder.largeFrames).isEqualTo(1);
        assertThat(recorder.chunks).as("one chunk per read holding payload").isEqualTo(101);
        assertThat(recorder.events).containsExactly("frame:" + "z".repeat(length));
    }

    @Test
    void holdsAPartialWholeFrameAtItsExactLengthAndNothingWhenIdle() throws Exception {
        NetstringDecoder decoder = new NetstringDecoder(MAX, 64);
        FrameRecorder recorder = new FrameRecorder();

        decoder.decode(ascii("10:abc"), recorder);
        assertThat(decoder.bufferedBytes()).isEqualTo(10);
        assertThat(decoder.inFrame()).isTrue();

        decoder.decode(ascii("defghij,"), recorder);
        assertThat(recorder.events).containsExactly("frame:abcdefghij");
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(decoder.inFrame()).isFalse();
    }

    @Test
    void deliversAFrameWhollyInsideOneChunkAsAViewOfTheInput() throws Exception {
        NetstringDecoder decoder = new NetstringDecoder(MAX, 64);
        ByteBuffer input = ByteBuffer.allocateDirect(16).put(ascii("3:abc,")).flip();
        ByteBuffer[] delivered = new ByteBuffer[1];

        decoder.decode(input, new FrameRecorder() {
            @Override
            public void onFrame(ByteBuffer payload) {
                delivered[0] = payload;
            }
        });

        assertThat(delivered[0].isDirect()).as("a copy would be a heap buffer").isTrue();
        assertThat(delivered[0].isReadOnly()).isTrue();
        assertThat(delivered[0].remaining()).isEqualTo(3);
    }

    @Test
    void countsTheStreamOffsetAcrossFrames() throws Exception {
        NetstringDecoder decoder = new NetstringDecoder(MAX, 64);
        decoder.decode(ascii("5:hello,0:,"), new FrameRecorder());
        assertThat(decoder.streamOffset()).isEqualTo(11);
    }

    @Test
    void rejectsNonsensicalLimits() {
        assertThatThrownBy(() -> new NetstringDecoder(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength");
        assertThatThrownBy(() -> new NetstringDecoder(NetstringDecoder.LARGEST_MAX_FRAME_LENGTH + 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetstringDecoder(10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wholeFrameThreshold");
    }

    @Test
    void acceptsTheLargestMaximumWithoutOverflow() {
        NetstringDecoder decoder = new NetstringDecoder(NetstringDecoder.LARGEST_MAX_FRAME_LENGTH, 10);
        String tooLong = String.valueOf(NetstringDecoder.LARGEST_MAX_FRAME_LENGTH) + "0";

        assertThat(FrameRecorder.decode(decoder, tooLong + ":"))
                .containsExactly("error:LENGTH_OVER_MAXIMUM@18");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
