package io.pollen.session.rest;

import io.pollen.codec.json.JsonLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class JsonBodyValidatorTest {
    private final JsonBodyValidator validator = new JsonBodyValidator(new JsonLimits().maxStringLength(10));

    @Test
    void acceptsExactlyOneValueOfAnyKind() {
        for (String json : new String[] {"{\"type\":\"x\",\"a\":[1,{\"b\":null}]}", " [ ] ", "\"text\"", "42", "-1.5e3",
                "true", "null", "{\"\u00e9\":\"\u20ac\"}"}) {
            assertThatNoException().as(json).isThrownBy(() -> validator.validate(utf8(json)));
        }
    }

    @Test
    void refusesWhatIsNotExactlyOneValidValue() {
        assertBadJson("", "empty or whitespace only");
        assertBadJson(" \n", "empty or whitespace only");
        assertBadJson("{} {}", "content follows the first JSON value");
        assertBadJson("1 2", "content follows the first JSON value");
        assertBadJson("{\"a\":", "not valid JSON");
        assertBadJson("[1,]", "not valid JSON");
        assertBadJson("{'a':1}", "not valid JSON");
        assertBadJson("NaN", "not valid JSON");
    }

    @Test
    void enforcesTheJsonLimitsExactly() {
        assertThatNoException().isThrownBy(() -> validator.validate(utf8("[\"0123456789\"]")));
        assertBadJson("[\"01234567890\"]", "a string of 11 characters");
        assertBadJson("{\"a\":{\"b\":\"01234567890\"}}", "a string of 11 characters");
    }

    @Test
    void refusesEverythingButUtf8WithoutAByteOrderMark() {
        assertBadJson(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, "UTF-8 byte-order mark");
        assertBadJson(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'}, "UTF-16");
        assertBadJson("{}".getBytes(StandardCharsets.UTF_16LE), "UTF-16 or UTF-32");
        assertBadJson(new byte[] {'"', (byte) 0xC3, '"'}, "not valid JSON");
    }

    @Test
    void aBodyFedInPiecesIsHeldToTheSameRulesWhereverItIsSplit() {
        byte[][] bodies = {
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
            {'{', 0, '}', 0},
            utf8("[\"01234567890\"]"),
            utf8("{} {}"),
            utf8("[1,"),
        };
        String[] messages = {"UTF-8 byte-order mark", "UTF-16 or UTF-32", "a string of 11 characters",
            "content follows the first JSON value", "not valid JSON"};
        for (int b = 0; b < bodies.length; b++) {
            byte[] body = bodies[b];
            for (int split = 0; split <= body.length; split++) {
                int at = split;
                assertThatThrownBy(() -> {
                    try (JsonBodyCheck check = validator.begin()) {
                        check.feed(body, 0, at);
                        check.feed(body, at, body.length - at);
                        check.finish();
                    }
                }).as("body %d split at %d", b, split).hasMessageContaining(messages[b]);
            }
        }
    }

    private void assertBadJson(String json, String message) {
        assertBadJson(utf8(json), message);
    }

    private void assertBadJson(byte[] json, String message) {
        assertThatThrownBy(() -> validator.validate(json))
                .as(new String(json, StandardCharsets.ISO_8859_1))
                .isInstanceOfSatisfying(RestRequestException.class,
                        e -> assertThat(e.error()).isEqualTo(RestError.BAD_JSON))
                .hasMessageContaining(message);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
