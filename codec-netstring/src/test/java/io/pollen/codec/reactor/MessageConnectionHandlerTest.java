package io.pollen.codec.reactor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.codec.netstring.FramingError;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageConnectionHandlerTest {

    private static final int THRESHOLD = 32;

    private final FakeConnection connection = new FakeConnection();
    private final RecordingHandler handler = new RecordingHandler();
    private final ConnectionHandler codec = new MessageConnectionHandler(
            new CodecConfig().maxFrameLength(1000).largeMessageThreshold(THRESHOLD), new JsonMessageParser(), handler);

    /** Records what the codec delivers; streams large messages when {@link #streamLarge} is set. */
    static class RecordingHandler implements MessageHandler {
        final List<String> events = new ArrayList<>();
        boolean streamLarge;

        @Override
        public void onMessage(Connection connection, JsonMessage message) {
            events.add("message:" + message);
            if (message.type().equals("ping")) {
                message.getLong("seq");
            }
        }

        @Override
        public void onKeepAlive(Connection connection) {
            events.add("keep-alive");
        }

        @Override
        public JsonTokenListener onLargeMessage(Connection connection, long length) {
            events.add("large:" + length);
            if (!streamLarge) {
                return MessageHandler.super.onLargeMessage(connection, length);
            }
            return new JsonTokenListener() {
                private int numbers;

                @Override
                public void onToken(JsonToken token, JsonParser parser) {
                    if (token == JsonToken.VALUE_NUMBER_INT) {
                        numbers++;
                    }
                }

                @Override
                public void onComplete(String type, long payloadBytes, long tokenCount) {
                    events.add("complete:" + type + ":" + payloadBytes + ":" + tokenCount + ":" + numbers);
                }

                @Override
                public void onAbort(Throwable cause) {
                    events.add("abort:" + cause.getClass().getSimpleName());
                }
            };
        }

        @Override
        public void onBadJson(Connection connection, BadJsonException error) {
            events.add("bad-json:" + error.error());
            MessageHandler.super.onBadJson(connection, error);
        }

        @Override
        public void onFramingError(Connection connection, NetstringFramingException error) {
            events.add("framing-error:" + error.error());
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            events.add("close:" + (cause == null ? "orderly" : cause.getClass().getSimpleName()));
        }
    }

    @Test
    void deliversSmallMessagesWholeAndEmptyFramesAsKeepAlives() {
        read(frame("{\"type\":\"ping\",\"seq\":7}") + "0:," + frame("{\"type\":\"echo\"}"));

        assertThat(handler.events).containsExactly(
                "message:{\"type\":\"ping\",\"seq\":7}", "keep-alive", "message:{\"type\":\"echo\"}");
        assertThat(connection.writtenFrames()).isEmpty();
    }

    @Test
    void deliversTheSameMessagesWhateverTheReadBoundaries() {
        String stream = frame("{\"type\":\"ping\",\"seq\":7}") + "0:," + frame("{\"type\":\"echo\",\"s\":\"\u00e9\"}");
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            codec.onRead(connection, ByteBuffer.wrap(new byte[] {b}).asReadOnlyBuffer());
        }

        assertThat(handler.events).containsExactly("message:{\"type\":\"ping\",\"seq\":7}", "keep-alive",
                "message:{\"type\":\"echo\",\"s\":\"\u00e9\"}");
    }

    @Test
    void answersBadJsonAndKeepsTheConnection() {
        read(frame("{\"type\":") + frame("{\"type\":\"echo\"}"));

        assertThat(handler.events).containsExactly("bad-json:MALFORMED", "message:{\"type\":\"echo\"}");
        assertThat(connection.writtenFrames()).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"the payload is not valid JSON");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void answersBadMessageForValuesThatAreNotMessages() {
        read(frame("[1,2]") + frame("{\"seq\":1}") + frame("{\"type\":\"ping\"}"));

        assertThat(connection.writtenFrames()).containsExactly(
                "{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"the payload is an array, not a JSON object\"}",
                "{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"the message has no string field \\\"type\\\"\"}",
                "{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"the message has no field \\\"seq\\\"\"}");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void deliversFramesBeforeAFramingErrorThenAnswersBadFrameAndCloses() {
        read(frame("{\"type\":\"echo\"}") + "0:,-1:x,");

        assertThat(handler.events).containsExactly("message:{\"type\":\"echo\"}", "keep-alive",
                "framing-error:LENGTH_NOT_A_DIGIT");
        assertThat(connection.writtenFrames()).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"bad_frame\",\"message\":\"the length prefix holds a byte");
        assertThat(connection.closedGracefully()).isTrue();

        read(frame("{\"type\":\"echo\"}"));
        assertThat(handler.events).as("nothing is read after a framing error").hasSize(3);
    }

    @Test
    void answersTooLargeAsSoonAsTheLengthPassesTheMaximum() {
        read("10000");

        assertThat(handler.events).containsExactly("framing-error:LENGTH_OVER_MAXIMUM");
        assertThat(connection.writtenFrames()).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"too_large\"");
        assertThat(connection.closedGracefully()).isTrue();
    }

    @Test
    void streamsALargeMessageAsTokensWhileItArrives() {
        handler.streamLarge = true;
        String json = "{\"type\":\"upload\",\"items\":[1,2,3,4,5,6,7,8,9,10],\"note\":\"\u00e9t\u00e9\"}";
        byte[] frame = frame(json).getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < frame.length; start += 7) {
            codec.onRead(connection, ByteBuffer.wrap(frame, start, Math.min(7, frame.length - start)).slice());
        }

        int length = json.getBytes(StandardCharsets.UTF_8).length;
        assertThat(handler.events).containsExactly("large:" + length, "complete:upload:" + length + ":19:10");
    }

    @Test
    void refusesLargeMessagesWhenTheHandlerDoesNotStreamThem() {
        String big = "{\"type\":\"upload\",\"data\":\"" + "x".repeat(100) + "\"}";
        read(frame(big) + frame("{\"type\":\"echo\"}"));

        assertThat(handler.events).containsExactly("large:" + big.length(), "message:{\"type\":\"echo\"}");
        assertThat(connection.writtenFrames()).containsExactly("{\"type\":\"error\",\"code\":\"bad_message\","
                + "\"message\":\"a message of " + big.length() + " bytes is over the 32-byte limit of this server\"}");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void answersBadJsonInALargeMessageOnceAndReadsTheNextFrame() {
        handler.streamLarge = true;
        String bad = "{\"type\":\"upload\",\"items\":[1,2,,3],\"pad\":\"" + "x".repeat(50) + "\"}";
        read(frame(bad) + frame("{\"type\":\"echo\"}"));

        assertThat(handler.events).containsExactly("large:" + bad.length(), "abort:BadJsonException",
                "bad-json:MALFORMED", "message:{\"type\":\"echo\"}");
        assertThat(connection.writtenFrames()).singleElement().asString().contains("\"code\":\"bad_json\"");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void abortsALargeMessageCutShortByTheConnectionClosing() {
        handler.streamLarge = true;
        read("100:{\"type\":\"upload\",\"items\":[1,2,3");

        codec.onClose(connection, null);

        assertThat(handler.events).containsExactly("large:100", "abort:" + EOFException.class.getSimpleName(),
                "close:orderly");
    }

    @Test
    void abortsALargeMessageBrokenByAFramingError() {
        handler.streamLarge = true;
        String json = "{\"type\":\"upload\",\"items\":[" + "1,".repeat(20) + "1]}";
        read(json.length() + ":" + json + ";");

        assertThat(handler.events).containsExactly("large:" + json.length(),
                "abort:" + NetstringFramingException.class.getSimpleName(), "framing-error:" + FramingError.MISSING_COMMA);
        assertThat(connection.closedGracefully()).isTrue();
    }

    @Test
    void stopsDeliveringOnceTheHandlerClosesTheConnection() {
        MessageHandler closing = (conn, message) -> {
            handler.events.add("message:" + message.type());
            conn.close();
        };
        ConnectionHandler closingCodec = MessageConnectionHandler.factory(new CodecConfig(), closing).get();

        closingCodec.onRead(connection, utf8(frame("{\"type\":\"a\"}") + frame("{\"type\":\"b\"}")));

        assertThat(handler.events).containsExactly("message:a");
    }

    @Test
    void factoryMakesOneHandlerPerConnection() {
        var factory = MessageConnectionHandler.factory(new CodecConfig(), handler);

        assertThat(factory.get()).isNotSameAs(factory.get());
    }

    private void read(String bytes) {
        codec.onRead(connection, utf8(bytes));
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private static String frame(String json) {
        return new String(NetstringEncoder.encodeToArray(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
