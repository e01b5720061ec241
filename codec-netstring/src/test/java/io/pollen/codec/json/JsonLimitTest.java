package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JsonLimitTest {

    @Test
    void namesEachLimitAsItsJsonLimitsSetterInSnakeCase() {
        assertThat(JsonLimit.values()).extracting(JsonLimit::wireName).containsExactly(
                "max_nesting_depth", "max_string_length", "max_number_length", "max_name_length",
                "max_document_length", "other");
    }

    @Test
    void findsTheLimitInJacksonsOwnViolationNotInItsWording() throws Exception {
        // What jackson really throws for each constraint it enforces for Pollen.
        assertThat(violation(StreamReadConstraints.builder().maxNestingDepth(1).build(), "[[1]]"))
                .isEqualTo(JsonLimit.NESTING_DEPTH);
        assertThat(violation(StreamReadConstraints.builder().maxNumberLength(3).build(), "[12345]"))
                .isEqualTo(JsonLimit.NUMBER_LENGTH);
        assertThat(violation(StreamReadConstraints.builder().maxNameLength(3).build(), "{\"abcdef\":1}"))
                .isEqualTo(JsonLimit.NAME_LENGTH);
        // A message in other words (or another language) that still names the accessor is understood.
        assertThat(JsonLimit.ofJacksonViolation("Tiefe 9 > 8 (from `StreamReadConstraints.getMaxNestingDepth()`)"))
                .isEqualTo(JsonLimit.NESTING_DEPTH);
        // One that names no limit Pollen sets is OTHER, never a wrong guess.
        assertThat(JsonLimit.ofJacksonViolation("Token count (9) exceeds the maximum allowed (8, from "
                + "`StreamReadConstraints.getMaxTokenCount()`)")).isEqualTo(JsonLimit.OTHER);
        assertThat(JsonLimit.ofJacksonViolation(null)).isEqualTo(JsonLimit.OTHER);
    }

    private static JsonLimit violation(StreamReadConstraints constraints, String json) throws IOException {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
        StreamConstraintsException e = catchThrowableOfType(StreamConstraintsException.class, () -> {
            try (JsonParser parser = factory.createParser(json)) {
                while (parser.nextToken() != null) {
                    if (parser.currentToken().isNumeric()) {
                        parser.getNumberValue();
                    }
                }
            }
        });
        assertThat(e).as("jackson refused %s", json).isNotNull();
        return BadJsonException.fromJackson(e).limit();
    }
}
