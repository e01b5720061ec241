package io.pollen.codec.reactor;

import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonError;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.json.JsonLimits;
import io.pollen.codec.netstring.FramingError;
import io.pollen.codec.netstring.NetstringFramingException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ErrorReplyTest {

    @Test
    void buildsTheProtocolsErrorObject() {
        assertThat(text(ErrorReply.json(ErrorCode.BAD_JSON, "bad")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"bad\"}");
    }

    @Test
    void omitsTheMessageWhenThereIsNone() {
        assertThat(text(ErrorReply.json(ErrorCode.TIMEOUT, null))).isEqualTo("{\"type\":\"error\",\"code\":\"timeout\"}");
    }

    @Test
    void escapesTheMessage() {
        assertThat(text(ErrorReply.json(ErrorCode.BAD_MESSAGE, "a \"quote\", a\nnewline, \u00e9")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"a \\\"quote\\\", a\\nnewline, \u00e9\"}");
    }

    @Test
    void framesTheReplyAsANetstring() {
        ByteBuffer[] frame = ErrorReply.frame(ErrorCode.TIMEOUT, null);
        StringBuilder all = new StringBuilder();
        for (ByteBuffer buffer : frame) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            all.append(text(bytes));
        }
        assertThat(all).hasToString("33:{\"type\":\"error\",\"code\":\"timeout\"},");
    }

    @Test
    void mapsALengthOverTheMaximumToTooLargeAndOtherFramingErrorsToBadFrame() {
        for (FramingError error : FramingError.values()) {
            ErrorCode expected = error == FramingError.LENGTH_OVER_MAXIMUM ? ErrorCode.TOO_LARGE : ErrorCode.BAD_FRAME;
            assertThat(ErrorReply.codeFor(new NetstringFramingException(error, 3, "detail"))).as(error.name())
                    .isEqualTo(expected);
        }
    }

    @Test
    void carriesTheExceptionsMessage() {
        assertThat(payload(ErrorReply.forBadJson(new BadJsonException(JsonError.EMPTY, 0, "nothing there", null))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"the payload holds no JSON value: "
                        + "nothing there (payload offset 0)\"}");
        assertThat(payload(ErrorReply.forBadMessage(new BadMessageException("unknown type \"x\""))))
                .isEqualTo("{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"unknown type \\\"x\\\"\"}");
    }

    @Test
    void validJsonOverALimitIsLimitExceededNamingTheLimitNotBadJson() throws Exception {
        JsonMessageParser shallow = new JsonMessageParser(new JsonLimits().maxNestingDepth(2));
        BadJsonException deep = catchThrowableOfType(BadJsonException.class,
                () -> shallow.parse(ByteBuffer.wrap("{\"type\":\"a\",\"x\":[[1]]}".getBytes(StandardCharsets.UTF_8))));

        assertThat(ErrorReply.codeFor(deep)).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(payload(ErrorReply.forBadJson(deep)))
                .startsWith("{\"type\":\"error\",\"code\":\"limit_exceeded\",\"limit\":\"max_nesting_depth\",\"message\":\"");
        assertThat(ErrorReply.codeFor(new BadJsonException(JsonError.MALFORMED, 0, "x", null))).isEqualTo(ErrorCode.BAD_JSON);
    }

    @Test
    void namesEveryWireCodeAsTheProtocolTableDoes() {
        assertThat(ErrorCode.values()).extracting(ErrorCode::wireName)
                .containsExactly("bad_frame", "too_large", "bad_json", "limit_exceeded", "bad_message", "timeout",
                        "id_taken", "unauthorized");
    }

    private static String payload(ByteBuffer[] frame) {
        return text(frame[1]);
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return text(bytes);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
