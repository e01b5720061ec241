package io.pollen.codec.reactor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.codec.netstring.FrameRecorder;
import io.pollen.codec.netstring.FramingError;
import io.pollen.codec.netstring.NetstringDecoder;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageConnectionHandlerTest {

    private static final int THRESHOLD = 32;

    private final RecordingHandler handler = new RecordingHandler();
    private final ConnectionHandler codec = new MessageConnectionHandler(
            new CodecConfig().maxFrameLength(1000).largeMessageThreshold(THRESHOLD), new JsonMessageParser(), handler);
    private final EmbeddedConnection connection = new EmbeddedConnection(codec);

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
        assertThat(replies()).isEmpty();
    }

    @Test
    void deliversTheSameMessagesWhateverTheReadBoundaries() {
        String stream = frame("{\"type\":\"ping\",\"seq\":7}") + "0:," + frame("{\"type\":\"echo\",\"s\":\"\u00e9\"}");
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            connection.writeInbound(new byte[] {b});
        }

        assertThat(handler.events).containsExactly("message:{\"type\":\"ping\",\"seq\":7}", "keep-alive",
                "message:{\"type\":\"echo\",\"s\":\"\u00e9\"}");
    }

    @Test
    void answersBadJsonAndKeepsTheConnection() {
        read(frame("{\"type\":") + frame("{\"type\":\"echo\"}"));

        assertThat(handler.events).containsExactly("bad-json:MALFORMED", "message:{\"type\":\"echo\"}");
        assertThat(replies()).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"the payload is not valid JSON");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void answersBadMessageForValuesThatAreNotMessages() {
        read(frame("[1,2]") + frame("{\"seq\":1}") + frame("{\"type\":\"ping\"}"));

        assertThat(replies()).containsExactly(
                "{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"the payload is an array, not a JSON object\"}",
                "{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"the message has no string field \\\"type\\\"\"}",
                "{\"type\":\"error\",\"code\":\"bad_message\",\"message\":\"the message has no field \\\"seq\\\"\"}");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void deliversFramesBeforeAFramingErrorThenAnswersBadFrameAndCloses() {
        connection.setPeerReading(false);
        read(frame("{\"type\":\"echo\"}") + "0:,-1:x,");

        assertThat(handler.events).containsExactly("message:{\"type\":\"echo\"}", "keep-alive",
                "framing-error:LENGTH_NOT_A_DIGIT");
        // A read the event loop had already taken in while the close waits for the reply to drain.
        codec.onRead(connection, utf8(frame("{\"type\":\"echo\"}")));
        assertThat(handler.events).as("nothing is read after a framing error").hasSize(3);
        assertThat(repliesBeforeGracefulClose()).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"bad_frame\",\"message\":\"the length prefix holds a byte");
    }

    @Test
    void answersTooLargeAsSoonAsTheLengthPassesTheMaximum() {
        connection.setPeerReading(false);
        read("10000");

        assertThat(handler.events).containsExactly("framing-error:LENGTH_OVER_MAXIMUM");
        assertThat(repliesBeforeGracefulClose()).singleElement().asString()
                .startsWith("{\"type\":\"error\",\"code\":\"too_large\"");
    }

    @Test
    void streamsALargeMessageAsTokensWhileItArrives() {
        handler.streamLarge = true;
        String json = "{\"type\":\"upload\",\"items\":[1,2,3,4,5,6,7,8,9,10],\"note\":\"\u00e9t\u00e9\"}";
        byte[] frame = frame(json).getBytes(StandardCharsets.UTF_8);
        for (int start = 0; start < frame.length; start += 7) {
            connection.writeInbound(ByteBuffer.wrap(frame, start, Math.min(7, frame.length - start)).slice());
        }

        int length = json.getBytes(StandardCharsets.UTF_8).length;
        assertThat(handler.events).containsExactly("large:" + length, "complete:upload:" + length + ":19:10");
    }

    @Test
    void refusesLargeMessagesWhenTheHandlerDoesNotStreamThem() {
        String big = "{\"type\":\"upload\",\"data\":\"" + "x".repeat(100) + "\"}";
        read(frame(big) + frame("{\"type\":\"echo\"}"));

        assertThat(handler.events).containsExactly("large:" + big.length(), "message:{\"type\":\"echo\"}");
        assertThat(replies()).containsExactly("{\"type\":\"error\",\"code\":\"bad_message\","
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
        assertThat(replies()).singleElement().asString().contains("\"code\":\"bad_json\"");
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void abortsALargeMessageCutShortByTheConnectionClosing() {
        handler.streamLarge = true;
        read("100:{\"type\":\"upload\",\"items\":[1,2,3");

        connection.close();

        assertThat(handler.events).containsExactly("large:100", "abort:" + EOFException.class.getSimpleName(),
                "close:orderly");
    }

    @Test
    void abortsALargeMessageBrokenByAFramingError() {
        handler.streamLarge = true;
        connection.setPeerReading(false);
        String json = "{\"type\":\"upload\",\"items\":[" + "1,".repeat(20) + "1]}";
        read(json.length() + ":" + json + ";");

        assertThat(handler.events).containsExactly("large:" + json.length(),
                "abort:" + NetstringFramingException.class.getSimpleName(), "framing-error:" + FramingError.MISSING_COMMA);
        assertThat(repliesBeforeGracefulClose()).singleElement().asString().contains("\"code\":\"bad_frame\"");
    }

    @Test
    void stopsDeliveringOnceTheHandlerClosesTheConnection() {
        MessageHandler closing = (conn, message) -> {
            handler.events.add("message:" + message.type());
            conn.close();
        };
        EmbeddedConnection closingConnection = new EmbeddedConnection(
                MessageConnectionHandler.factory(new CodecConfig(), closing).get());

        closingConnection.writeInbound(frame("{\"type\":\"a\"}") + frame("{\"type\":\"b\"}"));

        assertThat(handler.events).containsExactly("message:a");
    }

    @Test
    void factoryMakesOneHandlerPerConnection() {
        var factory = MessageConnectionHandler.factory(new CodecConfig(), handler);

        assertThat(factory.get()).isNotSameAs(factory.get());
    }

    private void read(String bytes) {
        connection.writeInbound(bytes);
    }

    /**
     * Lets the peer, paused before the codec closed, read again, and checks that the close was graceful:
     * it waited for the replies to drain (an abort would have closed at once and dropped them).
     *
     * @return the replies the peer read
     */
    private List<String> repliesBeforeGracefulClose() {
        assertThat(connection.isOpen()).as("the codec closes the connection").isFalse();
        assertThat(handler.events).as("the close waits for the replies to drain").doesNotContain("close:orderly");

        connection.setPeerReading(true);

        assertThat(handler.events).as("the connection closed once the replies drained").endsWith("close:orderly");
        return replies();
    }

    /** @return the payloads of the frames written since the last call, as UTF-8 text */
    private List<String> replies() {
        NetstringDecoder decoder = new NetstringDecoder(1 << 20, 1 << 20);
        List<String> frames = FrameRecorder.decode(decoder, connection.readAllOutbound());
        assertThat(frames).as("the codec wrote well-formed frames").allMatch(frame -> frame.startsWith("frame:"));
        assertThat(decoder.inFrame()).as("the codec wrote part of a frame").isFalse();
        return frames.stream().map(frame -> frame.substring("frame:".length())).toList();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private static String frame(String json) {
        return new String(NetstringEncoder.encodeToArray(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
