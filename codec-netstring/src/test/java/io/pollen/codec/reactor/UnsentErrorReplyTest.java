package io.pollen.codec.reactor;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.reactor.Connection;
import io.pollen.reactor.EmbeddedConnection;
import io.pollen.reactor.EmbeddedEventLoop;
import io.pollen.reactor.OverflowPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default error replies of {@link MessageHandler} and the codec's framing reply, when the connection
 * does not queue them: the refusal is reported (a DEBUG log naming the connection, the reply and the
 * write result), never dropped without a trace.
 */
class UnsentErrorReplyTest {
    /** Smaller than any error reply, so every reply is refused at the cap. */
    private static final long TINY_CAP = 16;

    private final Logger log = Logger.getLogger(ErrorReplyWriter.class.getName());
    private final List<String> records = new ArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void record() {
        previousLevel = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(recorder);
    }

    @AfterEach
    void stopRecording() {
        log.removeHandler(recorder);
        log.setLevel(previousLevel);
    }

    private EmbeddedConnection connectionWithCap(long cap) {
        MessageHandler handler = (Connection connection, JsonMessage message) -> { };
        return new EmbeddedConnection(new MessageConnectionHandler(new CodecConfig().maxFrameLength(1000),
                new JsonMessageParser(), handler), new EmbeddedEventLoop(), 0, cap, cap, OverflowPolicy.REJECT_WRITE);
    }

    @Test
    void aBadJsonReplyRefusedAtTheCapIsLoggedWithTheConnectionAndTheResult() {
        EmbeddedConnection connection = connectionWithCap(TINY_CAP);

        connection.writeInbound("2:{x,");

        assertThat(connection.readAllOutbound()).isEmpty();
        assertThat(records).containsExactly("FINE the bad_json error reply to " + connection + " was not sent: REJECTED_FULL");
    }

    @Test
    void aBadMessageReplyRefusedAtTheCapIsLogged() {
        EmbeddedConnection connection = connectionWithCap(TINY_CAP);

        connection.writeInbound("3:[1],");

        assertThat(records).containsExactly("FINE the bad_message error reply to " + connection + " was not sent: REJECTED_FULL");
    }

    @Test
    void aFramingErrorReplyThatCannotBeQueuedIsLoggedBeforeTheClose() {
        EmbeddedConnection connection = connectionWithCap(TINY_CAP);

        connection.writeInbound("x:");

        assertThat(connection.isOpen()).isFalse();
        assertThat(records).containsExactly("FINE the bad_frame error reply to " + connection + " was not sent: REJECTED_FULL");
    }

    @Test
    void aReplyToAClosedConnectionIsLoggedAsClosed() {
        EmbeddedConnection connection = connectionWithCap(1 << 20);
        connection.close();

        new MessageHandler() {
            @Override
            public void onMessage(Connection c, JsonMessage message) {
            }
        }.onBadJson(connection, new io.pollen.codec.json.BadJsonException(io.pollen.codec.json.JsonError.MALFORMED, 0, "bad", null));

        assertThat(records).containsExactly("FINE the bad_json error reply to " + connection + " was not sent: CLOSED");
    }

    @Test
    void aQueuedReplyLogsNothing() {
        EmbeddedConnection connection = connectionWithCap(1 << 20);

        connection.writeInbound("2:{x,");

        assertThat(connection.readOutboundString()).contains("\"code\":\"bad_json\"");
        assertThat(records).isEmpty();
    }
}
