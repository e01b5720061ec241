package io.pollen.codec.netstring;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Long streams of mixed frames, cut at random: the frames must not depend on the cuts. */
class NetstringStreamSplitTest {

    private static final int MAX = 20_000;
    private static final int THRESHOLD = 64;
    private static final long SEED = 0x5EED_2026L;

    @Test
    void decodesALongStreamIdenticallyWhateverTheSplits() {
        Random random = new Random(SEED);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String payload = randomPayload(random);
            stream.writeBytes(NetstringEncoder.encodeToArray(payload.getBytes(StandardCharsets.UTF_8)));
            expected.add("frame:" + payload);
        }
        byte[] input = stream.toByteArray();

        for (int round = 0; round < 30; round++) {
            int[] cuts = randomCuts(random, input.length, round);
            assertThat(FrameRecorder.decode(new NetstringDecoder(MAX, THRESHOLD), input, cuts))
                    .as("round %d with %d cuts", round, cuts.length)
                    .isEqualTo(expected);
        }
    }

    @Test
    void reportsTheSameErrorAtTheSameOffsetWhateverTheSplits() {
        Random random = new Random(SEED + 1);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String payload = randomPayload(random);
            stream.writeBytes(NetstringEncoder.encodeToArray(payload.getBytes(StandardCharsets.UTF_8)));
            expected.add("frame:" + payload);
        }
        long errorOffset = stream.size() + 6; // the ";" after "4:abcd"
        stream.writeBytes("4:abcd;1:a,".getBytes(StandardCharsets.US_ASCII));
        expected.add("error:MISSING_COMMA@" + errorOffset);
        byte[] input = stream.toByteArray();

        for (int round = 0; round < 30; round++) {
            assertThat(FrameRecorder.decode(new NetstringDecoder(MAX, THRESHOLD), input,
                    randomCuts(random, input.length, round)))
                    .as("round %d", round)
                    .isEqualTo(expected);
        }
    }

    /** Empty frames, tiny ones, ones around the threshold and large ones, with multi-byte characters. */
    private static String randomPayload(Random random) {
        int length = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(10);
            case 2 -> THRESHOLD - 3 + random.nextInt(6);
            case 3 -> random.nextInt(1_000);
            default -> random.nextInt(MAX / 3);
        };
        StringBuilder payload = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // Mostly ASCII, the format's own bytes included, some 2- and 3-byte characters.
            int pick = random.nextInt(20);
            payload.append(pick == 0 ? '\u00e9' : pick == 1 ? '\u20ac' : pick == 2 ? ',' : pick == 3 ? ':'
                    : (char) ('a' + random.nextInt(26)));
        }
        return payload.toString();
    }

    /** Cuts of growing density: few large chunks in early rounds, many tiny ones later. */
    private static int[] randomCuts(Random random, int length, int round) {
        int count = 1 + random.nextInt(1 + round * length / 200);
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            cuts.add(random.nextInt(length + 1));
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }
}
