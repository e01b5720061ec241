package io.pollen.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonStreamParserTest {

    private final JsonMessageParser parser = new JsonMessageParser();

    static Stream<JsonDocuments.Document> documents() {
        return Stream.concat(JsonDocuments.valid(), JsonDocuments.invalid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void reachesTheDocumentsVerdictAtEverySplitPoint(JsonDocuments.Document document) {
        byte[] json = document.json();
        for (int cut = 0; cut <= json.length; cut++) {
            assertThat(TokenRecorder.streamedVerdict(parser, json, cut)).as("cut at %d", cut)
                    .isEqualTo(document.verdict());
        }
        int[] everyByte = IntStream.range(1, json.length).toArray();
        assertThat(TokenRecorder.streamedVerdict(parser, json, everyByte)).as("one byte at a time")
                .isEqualTo(document.verdict());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pollen.codec.json.JsonDocuments#valid")
    void deliversTheBlockingParsersTokensAtEverySplitPoint(JsonDocuments.Document document) throws Exception {
        byte[] json = document.json();
        var expected = TokenRecorder.blockingTokens(new String(json, StandardCharsets.UTF_8));
        for (int cut = 0; cut <= json.length; cut++) {
            TokenRecorder recorder = new TokenRecorder();
            JsonStreamParser stream = parser.newStreamParser(recorder);
            stream.feed(ByteBuffer.wrap(Arrays.copyOfRange(json, 0, cut)));
            stream.feed(ByteBuffer.wrap(Arrays.copyOfRange(json, cut, json.length)));
            stream.finish();

            assertThat(recorder.tokens).as("cut at %d", cut).isEqualTo(expected);
            assertThat(recorder.outcomes).containsExactly(
                    "complete:" + document.verdict().substring(3) + ":" + json.length + ":" + expected.size());
        }
    }

    @Test
    void reportsTheTypeAsSoonAsItIsRead() throws Exception {
        JsonStreamParser stream = parser.newStreamParser(new TokenRecorder());

        stream.feed(utf8("{\"data\":{\"type\":\"inner\"},\"type\":\"up"));
        assertThat(stream.type()).isNull();
        stream.feed(utf8("load\",\"items\":["));
        assertThat(stream.type()).isEqualTo("upload");
    }

    @Test
    void announcesOnlyTheTopLevelTypeRightAfterItsValueAtEverySplitPoint() throws Exception {
        byte[] json = utf8Bytes("{\"a\":{\"type\":\"inner\"},\"b\":[{\"type\":\"x\"},\"type\"],"
                + "\"type\":\"upload\",\"c\":{\"type\":\"after\"},\"type\":\"second\"}");
        for (int cut = 0; cut <= json.length; cut++) {
            TokenRecorder recorder = new TokenRecorder();
            JsonStreamParser stream = parser.newStreamParser(recorder);
            stream.feed(ByteBuffer.wrap(Arrays.copyOfRange(json, 0, cut)));
            stream.feed(ByteBuffer.wrap(Arrays.copyOfRange(json, cut, json.length)));
            stream.finish();

            // 16 tokens up to and including "upload": announced after that one, before "c".
            assertThat(recorder.types).as("cut at %d", cut).containsExactly("upload@16");
            assertThat(recorder.outcomes).as("cut at %d", cut).singleElement().asString().startsWith("complete:upload:");
        }
    }

    @Test
    void handsEachChunkOverVerbatimBeforeItsTokensEvenInsideAString() throws Exception {
        TokenRecorder recorder = new TokenRecorder();
        JsonStreamParser stream = parser.newStreamParser(recorder);
        ByteBuffer first = utf8("{\"type\":\"upload\",  \"text\":\"ab");

        stream.feed(first);
        stream.feed(utf8("cdef"));
        stream.feed(utf8("gh\" }"));
        stream.finish();

        assertThat(recorder.chunks).containsExactly("{\"type\":\"upload\",  \"text\":\"ab@0", "cdef@4", "gh\" }@4");
        assertThat(first.position()).as("the chunk's position, untouched").isZero();
        assertThat(recorder.outcomes).containsExactly("complete:upload:38:6");
    }

    @Test
    void aListenerFailingToTakeAChunkGivesTheMessageUp() throws Exception {
        TokenRecorder failing = new TokenRecorder() {
            @Override
            public void onChunk(ByteBuffer chunk) throws IOException {
                throw new IOException("disk full");
            }
        };
        JsonStreamParser stream = parser.newStreamParser(failing);

        assertThatThrownBy(() -> stream.feed(utf8("{\"type\":\"echo\",")))
                .isInstanceOf(BadMessageException.class).hasMessage("the handler could not take 15 bytes of the message: disk full");
        assertThat(failing.tokens).isEmpty();
        assertThat(failing.outcomes).containsExactly("abort:BadMessageException");
    }

    @Test
    void announcesATypeThatComesLastBeforeTheClosingBrace() throws Exception {
        TokenRecorder recorder = new TokenRecorder();
        JsonStreamParser stream = parser.newStreamParser(recorder);

        stream.feed(utf8("{\"items\":[1,2],\"type\":\"upload\""));
        assertThat(recorder.types).containsExactly("upload@8");
        assertThat(recorder.outcomes).isEmpty();
        stream.feed(utf8("}"));
        stream.finish();
        assertThat(recorder.outcomes).containsExactly("complete:upload:31:9");
    }

    @Test
    void announcesNothingWithoutATopLevelStringType() {
        for (String json : new String[] {"{\"data\":{\"type\":\"inner\"}}", "{\"type\":7,\"type\":\"second\"}",
                "{\"type\":null}", "[{\"type\":\"in-array\"}]"}) {
            TokenRecorder recorder = new TokenRecorder();
            JsonStreamParser stream = parser.newStreamParser(recorder);

            assertThatThrownBy(() -> {
                stream.feed(utf8(json));
                stream.finish();
            }).as(json).isInstanceOf(BadMessageException.class);
            assertThat(recorder.types).as(json).isEmpty();
            assertThat(recorder.outcomes).as(json).containsExactly("abort:BadMessageException");
        }
    }

    @Test
    void aListenerRefusingTheTypeEndsTheMessageAtOnce() throws Exception {
        TokenRecorder refusing = new TokenRecorder() {
            @Override
            public void onType(String type) {
                throw new BadMessageException("no " + type + " here");
            }
        };
        JsonStreamParser stream = parser.newStreamParser(refusing);

        assertThatThrownBy(() -> stream.feed(utf8("{\"type\":\"bogus\",\"items\":[1,2,")))
                .isInstanceOf(BadMessageException.class).hasMessage("no bogus here");
        assertThat(refusing.tokens).hasSize(3);
        assertThat(refusing.outcomes).containsExactly("abort:BadMessageException");
        assertThat(stream.isEnded()).isTrue();
    }

    @Test
    void reportsBadJsonAsSoonAsItIsSeenAndAbortsOnce() throws Exception {
        TokenRecorder recorder = new TokenRecorder();
        JsonStreamParser stream = parser.newStreamParser(recorder);
        stream.feed(utf8("{\"type\":\"upload\",\"items\":[1,2,"));

        assertThatThrownBy(() -> stream.feed(utf8("3,]")))
                .isInstanceOfSatisfying(BadJsonException.class, e -> assertThat(e.error()).isEqualTo(JsonError.MALFORMED));
        assertThat(recorder.outcomes).containsExactly("abort:BadJsonException");
        assertThat(stream.isEnded()).isTrue();
        assertThatThrownBy(() -> stream.feed(utf8("{}"))).isInstanceOf(IllegalStateException.class);
        stream.abort(new RuntimeException("ignored once ended"));
        assertThat(recorder.outcomes).hasSize(1);
    }

    @Test
    void deliversNoTokensForAValueThatIsNotAnObject() {
        TokenRecorder recorder = new TokenRecorder();
        JsonStreamParser stream = parser.newStreamParser(recorder);

        assertThatThrownBy(() -> {
            stream.feed(utf8("[1,2,3]"));
            stream.finish();
        }).isInstanceOf(BadMessageException.class).hasMessage("the payload is not a JSON object");
        assertThat(recorder.tokens).isEmpty();
    }

    @Test
    void enforcesLimitsWhileStreaming() {
        assertStreamLimitExceeded(new JsonLimits().maxNestingDepth(2), "{\"type\":\"a\",\"x\":[[1]]}", JsonLimit.NESTING_DEPTH);
        assertStreamLimitExceeded(new JsonLimits().maxStringLength(10), "{\"type\":\"a\",\"x\":[\"01234567890\"]}", JsonLimit.STRING_LENGTH);
        assertStreamLimitExceeded(new JsonLimits().maxNumberLength(5), "{\"type\":\"a\",\"x\":[123456]}", JsonLimit.NUMBER_LENGTH);
        assertStreamLimitExceeded(new JsonLimits().maxNameLength(5), "{\"type\":\"a\",\"abcdef\":1}", JsonLimit.NAME_LENGTH);
        assertStreamLimitExceeded(new JsonLimits().maxDocumentLength(20), "{\"type\":\"a\",\"x\":[1,2,3]}", JsonLimit.DOCUMENT_LENGTH);
    }

    @Test
    void enforcesTheStringLimitOnAStringSpanningManyChunks() throws Exception {
        JsonStreamParser stream = new JsonMessageParser(new JsonLimits().maxStringLength(100_000))
                .newStreamParser(new TokenRecorder());
        stream.feed(utf8("{\"type\":\"a\",\"s\":\""));
        byte[] chunk = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 11; i++) {
                stream.feed(ByteBuffer.wrap(chunk));
            }
            stream.feed(utf8("\"}"));
        }).isInstanceOfSatisfying(BadJsonException.class,
                e -> assertThat(e.error()).isEqualTo(JsonError.LIMIT_EXCEEDED));
    }

    @Test
    void turnsAListenersReadFailureIntoABadMessage() throws Exception {
        TokenRecorder failing = new TokenRecorder() {
            @Override
            public void onToken(JsonToken token, JsonParser parser) throws IOException {
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    parser.getIntValue();
                }
            }
        };
        JsonStreamParser stream = parser.newStreamParser(failing);

        assertThatThrownBy(() -> stream.feed(utf8("{\"type\":\"a\",\"n\":99999999999,")))
                .isInstanceOf(BadMessageException.class)
                .hasMessageStartingWith("the handler could not read a number: ");
        assertThat(failing.outcomes).containsExactly("abort:BadMessageException");
    }

    private static void assertStreamLimitExceeded(JsonLimits limits, String json, JsonLimit limit) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonMessageParser strict = new JsonMessageParser(limits);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(TokenRecorder.streamedVerdict(strict, bytes, cut)).as("%s cut at %d", json, cut)
                    .isEqualTo("bad_json:LIMIT_EXCEEDED:" + limit);
        }
        assertThat(TokenRecorder.smallVerdict(strict, bytes)).as("whole: %s", json).isEqualTo("bad_json:LIMIT_EXCEEDED:" + limit);
    }

    private static byte[] utf8Bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
