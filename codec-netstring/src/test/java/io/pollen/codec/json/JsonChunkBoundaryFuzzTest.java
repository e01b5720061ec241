package io.pollen.codec.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated documents, mostly invalid, parsed whole and split at every byte: the verdicts must agree.
 * This is how the chunk-boundary holes of jackson's non-blocking parser were found; it keeps them shut.
 */
class JsonChunkBoundaryFuzzTest {

    private static final String SEED_DOCUMENT =
            "{\"type\":\"a\",\"b\":[1,2.5,-3e2,true,false,null,{\"c\":\"d\\\"\"}],\"e\":{},\"f\":\"\u00e9\"}";
    /** JSON's structural bytes and the starts of every kind of token. */
    private static final String ALPHABET = ",:{}[]\" 1aetnfu.-eE\\";
    private static final int MUTANTS = 400;

    @Test
    void streamedVerdictMatchesWholeVerdictForMutatedDocumentsAtEverySplit() {
        JsonMessageParser parser = new JsonMessageParser();
        Random random = new Random(20_261_126L);
        int rejected = 0;
        for (int n = 0; n < MUTANTS; n++) {
            byte[] json = mutate(random).getBytes(StandardCharsets.UTF_8);
            String whole = TokenRecorder.smallVerdict(parser, json);
            if (!whole.startsWith("ok")) {
                rejected++;
            }
            for (int cut = 0; cut <= json.length; cut++) {
                assertThat(TokenRecorder.streamedVerdict(parser, json, cut))
                        .as("%s cut at %d", new String(json, StandardCharsets.UTF_8), cut)
                        .isEqualTo(whole);
            }
        }
        assertThat(rejected).as("the mutations must mostly produce invalid documents").isGreaterThan(MUTANTS / 2);
    }

    private static String mutate(Random random) {
        StringBuilder json = new StringBuilder(SEED_DOCUMENT);
        for (int m = 1 + random.nextInt(2); m > 0; m--) {
            int at = random.nextInt(json.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0 -> json.insert(at, c);
                case 1 -> json.deleteCharAt(at);
                default -> json.setCharAt(at, c);
            }
        }
        return json.toString();
    }
}
