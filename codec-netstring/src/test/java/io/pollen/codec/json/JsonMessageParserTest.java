package io.pollen.codec.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonMessageParserTest {

    private final JsonMessageParser parser = new JsonMessageParser();

    static Stream<JsonDocuments.Document> documents() {
        return Stream.concat(JsonDocuments.valid(), JsonDocuments.invalid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void reachesTheDocumentsVerdict(JsonDocuments.Document document) {
        assertThat(TokenRecorder.smallVerdict(parser, document.json())).isEqualTo(document.verdict());
    }

    @Test
    void readsFieldsWithTypedGetters() throws Exception {
        JsonMessage message = parse("{\"type\":\"ping\",\"seq\":7,\"name\":\"c-42\",\"ok\":true,\"ratio\":0.5,"
                + "\"nothing\":null,\"nested\":{\"a\":1,\"type\":\"inner\"},\"list\":[1, {\"b\":[]}]}");

        assertThat(message.type()).isEqualTo("ping");
        assertThat(message.getLong("seq")).isEqualTo(7L);
        assertThat(message.getInt("seq")).isEqualTo(7);
        assertThat(message.getDouble("seq")).isEqualTo(7.0);
        assertThat(message.getString("name")).isEqualTo("c-42");
        assertThat(message.getBoolean("ok")).isTrue();
        assertThat(message.getDouble("ratio")).isEqualTo(0.5);
        assertThat(message.isNull("nothing")).isTrue();
        assertThat(message.isNull("name")).isFalse();
        assertThat(message.has("nothing")).isTrue();
        assertThat(message.has("absent")).isFalse();
        assertThat(message.fieldNames()).containsExactly("type", "seq", "name", "ok", "ratio", "nothing", "nested", "list");
        assertThat(message.kind("list")).isEqualTo(JsonValueKind.ARRAY);
        assertThat(message.kind("nested")).isEqualTo(JsonValueKind.OBJECT);
        assertThat(message.kind("nothing")).isEqualTo(JsonValueKind.NULL);
        assertThat(message.kind("absent")).isNull();
        assertThat(message.rawJson("list")).isEqualTo("[1, {\"b\":[]}]");
        JsonMessage nested = message.getObject("nested");
        assertThat(nested.getLong("a")).isEqualTo(1);
        assertThat(nested.type()).isEqualTo("inner");
    }

    @Test
    void returnsDefaultsOnlyForMissingFields() throws Exception {
        JsonMessage message = parse("{\"type\":\"t\",\"name\":\"x\"}");

        assertThat(message.getString("absent", "d")).isEqualTo("d");
        assertThat(message.getLong("absent", 5L)).isEqualTo(5L);
        assertThat(message.getInt("absent", 6)).isEqualTo(6);
        assertThat(message.getBoolean("absent", true)).isTrue();
        assertThatThrownBy(() -> message.getLong("name", 5L))
                .isInstanceOf(BadMessageException.class)
                .hasMessage("field \"name\" is a string, expected an integer");
    }

    @Test
    void explainsMissingAndMistypedFieldsForThePeer() throws Exception {
        JsonMessage message = parse("{\"type\":\"t\",\"ratio\":1.5,\"big\":123456789012345678901234567890,"
                + "\"wide\":4000000000,\"list\":[]}");

        assertThatThrownBy(() -> message.getString("seq")).isInstanceOf(BadMessageException.class)
                .hasMessage("the message has no field \"seq\"");
        assertThatThrownBy(() -> message.getLong("ratio")).hasMessage("field \"ratio\" is a decimal number, expected an integer");
        assertThatThrownBy(() -> message.getLong("big")).hasMessage("field \"big\" is an integer out of the 64-bit range");
        assertThatThrownBy(() -> message.getInt("wide")).hasMessage("field \"wide\" is 4000000000, out of the 32-bit range");
        assertThatThrownBy(() -> message.getBoolean("list")).hasMessage("field \"list\" is an array, expected a boolean");
        assertThatThrownBy(() -> message.getObject("list")).hasMessage("field \"list\" is an array, expected an object");
        assertThatThrownBy(() -> message.rawJson("ratio")).hasMessage("field \"ratio\" is a decimal number, expected an object or an array");
    }

    @Test
    void keepsItsOwnCopyOfThePayload() throws Exception {
        byte[] bytes = "{\"type\":\"echo\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.wrap(bytes);

        JsonMessage message = parser.parse(input);
        java.util.Arrays.fill(bytes, (byte) ' ');

        assertThat(message.getString("text")).isEqualTo("hi");
        assertThat(message.toString()).isEqualTo("{\"type\":\"echo\",\"text\":\"hi\"}");
        assertThat(message.payload().remaining()).isEqualTo(message.payloadLength()).isEqualTo(bytes.length);
        assertThat(input.position()).as("the caller's buffer position is untouched").isZero();
    }

    @Test
    void reportsWhereTheJsonBroke() {
        assertThatThrownBy(() -> parse("{\"type\":\"a\",}"))
                .isInstanceOfSatisfying(BadJsonException.class, e -> {
                    assertThat(e.error()).isEqualTo(JsonError.MALFORMED);
                    assertThat(e.payloadOffset()).isEqualTo(12);
                    assertThat(e.getMessage()).startsWith("the payload is not valid JSON: ").contains("payload offset 12");
                });
        assertThatThrownBy(() -> parse("{\"type\":\"a\"} {}"))
                .hasMessage("the JSON value is followed by more content: an object follows the first value (payload offset 13)");
    }

    @Test
    void enforcesTheNestingDepth() throws Exception {
        JsonMessageParser shallow = new JsonMessageParser(new JsonLimits().maxNestingDepth(3));

        assertThat(shallow.parse(utf8("{\"type\":\"a\",\"x\":{\"y\":[]}}")).type()).isEqualTo("a");
        assertLimitExceeded(shallow, "{\"type\":\"a\",\"x\":{\"y\":[{}]}}", JsonLimit.NESTING_DEPTH);
    }

    @Test
    void enforcesTheStringLengthInsideNestedValuesToo() throws Exception {
        JsonMessageParser strict = new JsonMessageParser(new JsonLimits().maxStringLength(10));

        assertThat(strict.parse(utf8("{\"type\":\"a\",\"s\":\"0123456789\"}")).getString("s")).hasSize(10);
        assertLimitExceeded(strict, "{\"type\":\"a\",\"s\":\"01234567890\"}", JsonLimit.STRING_LENGTH);
        assertLimitExceeded(strict, "{\"type\":\"a\",\"l\":[{\"s\":\"01234567890\"}]}", JsonLimit.STRING_LENGTH);
        assertLimitExceeded(strict, "[\"01234567890\"]", JsonLimit.STRING_LENGTH);
    }

    @Test
    void enforcesTheNumberLength() throws Exception {
        JsonMessageParser strict = new JsonMessageParser(new JsonLimits().maxNumberLength(5));

        assertThat(strict.parse(utf8("{\"type\":\"a\",\"n\":12345}")).getLong("n")).isEqualTo(12345);
        assertLimitExceeded(strict, "{\"type\":\"a\",\"n\":123456}", JsonLimit.NUMBER_LENGTH);
        assertLimitExceeded(strict, "{\"type\":\"a\",\"l\":[123456]}", JsonLimit.NUMBER_LENGTH);
    }

    @Test
    void enforcesTheNameLength() throws Exception {
        JsonMessageParser strict = new JsonMessageParser(new JsonLimits().maxNameLength(5));

        assertThat(strict.parse(utf8("{\"type\":\"a\",\"abcde\":1}")).has("abcde")).isTrue();
        assertLimitExceeded(strict, "{\"type\":\"a\",\"abcdef\":1}", JsonLimit.NAME_LENGTH);
    }

    @Test
    void enforcesTheDocumentLength() throws Exception {
        String json = "{\"type\":\"abcdefghij\"}";
        JsonMessageParser exact = new JsonMessageParser(new JsonLimits().maxDocumentLength(json.length()));
        JsonMessageParser shorter = new JsonMessageParser(new JsonLimits().maxDocumentLength(json.length() - 1));

        assertThat(exact.parse(utf8(json)).type()).isEqualTo("abcdefghij");
        assertLimitExceeded(shorter, json, JsonLimit.DOCUMENT_LENGTH);
    }

    @Test
    void validatesLimitSettings() {
        assertThatThrownBy(() -> new JsonLimits().maxNestingDepth(0).conclude()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxNestingDepth must be at least 1, got 0");
        assertThatThrownBy(() -> new JsonLimits().maxDocumentLength(0).conclude()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDocumentLength must be at least 1 byte, or NO_DOCUMENT_LIMIT");
        assertThat(new JsonLimits().maxDocumentLength(JsonLimits.NO_DOCUMENT_LIMIT).conclude().maxDocumentLength())
                .isEqualTo(JsonLimits.NO_DOCUMENT_LIMIT);
    }

    @Test
    void aParserRefusesBadLimitsWhenItIsMade() {
        JsonLimits bad = new JsonLimits().maxStringLength(0);

        assertThatThrownBy(() -> new JsonMessageParser(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxStringLength must be at least 1, got 0");
        assertThatThrownBy(bad::toStreamReadConstraints).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesAreIndependentOfTheirOriginal() {
        JsonLimits original = new JsonLimits().maxNestingDepth(7);
        JsonLimits copy = original.copy();
        original.maxNestingDepth(8);

        assertThat(copy.maxNestingDepth()).isEqualTo(7);
        assertThat(copy.toString()).isEqualTo(new JsonLimits().maxNestingDepth(7).toString());
    }

    private JsonMessage parse(String json) throws BadJsonException {
        return parser.parse(utf8(json));
    }

    private static void assertLimitExceeded(JsonMessageParser parser, String json, JsonLimit limit) {
        assertThatThrownBy(() -> parser.parse(utf8(json)))
                .as(json)
                .isInstanceOfSatisfying(BadJsonException.class, e -> {
                    assertThat(e.error()).isEqualTo(JsonError.LIMIT_EXCEEDED);
                    assertThat(e.limit()).isEqualTo(limit);
                });
    }

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
