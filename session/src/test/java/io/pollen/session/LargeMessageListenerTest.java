package io.pollen.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application's listener for large messages sees, over real sockets on every backend. The
 * top-level {@code "type"} ({@link JsonTokenListener#onType}) as soon as it is parsed: the server
 * answers from {@code onType}, so a client that has sent only the start of a message reads that answer
 * before sending the rest, which shows the message is not buffered until its end. And each read of a
 * message still arriving keeps its session alive, even inside one long string.
 */
@OnEveryBackend
@ExtendWith(DescriptorLeakCheck.class)
class LargeMessageListenerTest {
    /** Above this many payload bytes a message is streamed; small, so the test messages stay short. */
    private static final int THRESHOLD = 256;
    /** Members to push a message over {@link #THRESHOLD}. */
    private static final String FILLER = "\"filler\":\"" + "x".repeat(2 * THRESHOLD) + "\"";

    private final String backend;
    private final AtomicLong chunksSeen = new AtomicLong();
    private final List<String> states = new CopyOnWriteArrayList<>();
    private SessionServer server;
    private NetstringClient client;

    /** Tells the client, as a frame, each type announced, each outcome, with the tokens seen so far. */
    private final SessionHandler typeReporter = new SessionHandler() {
        @Override
        public void onMessage(Session session, JsonMessage message) {
        }

        @Override
        public void onStateChanged(Session session, SessionState previous, SessionState current) {
            states.add(previous + "->" + current);
        }

        @Override
        public JsonTokenListener onLargeMessage(Session session, long length) {
            return new JsonTokenListener() {
                private long tokens;

                @Override
                public void onChunk(ByteBuffer chunk) {
                    chunksSeen.incrementAndGet();
                }

                @Override
                public void onToken(JsonToken token, JsonParser parser) {
                    tokens++;
                }

                @Override
                public void onType(String type) {
                    if (type.equals("refused")) {
                        throw new BadMessageException("refused by its type after " + tokens + " tokens");
                    }
                    report(session, "{\"type\":\"seen\",\"as\":\"" + type + "\",\"after\":" + tokens + "}");
                }

                @Override
                public void onComplete(String type, long payloadBytes, long tokenCount) {
                    report(session, "{\"type\":\"complete\",\"as\":\"" + type + "\",\"tokens\":" + tokenCount + "}");
                }

                @Override
                public void onAbort(Throwable cause) {
                    report(session, "{\"type\":\"aborted\",\"by\":\"" + cause.getClass().getSimpleName() + "\"}");
                }
            };
        }
    };

    LargeMessageListenerTest(String backend) {
        this.backend = backend;
    }

    private static void report(Session session, String frame) {
        SendResult result = session.send(frame);
        if (!result.isQueued()) {
            throw new AssertionError("the test's report " + frame + " was not queued: " + result);
        }
    }

    private void start() throws IOException {
        start(KeepAlivePolicy.DEFAULT_INTERVAL);
    }

    private void start(Duration keepAliveInterval) throws IOException {
        server = SessionServer.builder().reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0)).largeMessageThreshold(THRESHOLD)
                .keepAlive(k -> k.interval(keepAliveInterval).misses(2))
                .handler(typeReporter).build();
        client = NetstringClient.connect(server.localAddress());
        client.hello("large");
    }

    @AfterEach
    void closeAll() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTypeThatComesFirstIsAnnouncedBeforeTheRestOfTheMessageIsSent() throws IOException {
        start();
        String head = "{\"type\":\"upload\",\"items\":[";
        String payload = head + "1,2,3]," + FILLER + "}";
        client.sendRaw(utf8Length(payload) + ":" + head);

        // Only the head has been sent: the answer proves the type was resolved from it alone.
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"seen\",\"as\":\"upload\",\"after\":3}");
        client.sendRaw(payload.substring(head.length()) + ",");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"complete\",\"as\":\"upload\",\"tokens\":12}");
    }

    @Test
    void aTypeThatComesLastIsAnnouncedWhenItIsReadBeforeTheOutcome() throws IOException {
        start();
        String head = "{" + FILLER + ",\"items\":[1,2],\"type\":\"upload\"";
        client.sendRaw(utf8Length(head + "}") + ":" + head);

        assertThat(client.readFrame()).isEqualTo("{\"type\":\"seen\",\"as\":\"upload\",\"after\":10}");
        client.sendRaw("},");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"complete\",\"as\":\"upload\",\"tokens\":11}");
    }

    @Test
    void typeMembersNestedInValuesDoNotCountOnlyTheTopLevelOne() throws IOException {
        start();
        client.send("{\"data\":{\"type\":\"inner\"},\"list\":[{\"type\":\"in-array\"},\"type\"]," + FILLER
                + ",\"type\":\"upload\",\"more\":{\"type\":\"after\"}}");

        assertThat(client.readFrame()).isEqualTo("{\"type\":\"seen\",\"as\":\"upload\",\"after\":18}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"complete\",\"as\":\"upload\",\"tokens\":24}");
    }

    @Test
    void aMessageWithoutATopLevelStringTypeIsNeverAnnouncedAndIsABadMessage() throws IOException {
        start();
        client.send("{\"data\":{\"type\":\"inner\"}," + FILLER + "}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"aborted\",\"by\":\"BadMessageException\"}");
        assertThat(client.readFrame()).startsWith("{\"type\":\"error\",\"code\":\"bad_message\"");

        client.send("{\"type\":7," + FILLER + ",\"type\":\"second\"}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"aborted\",\"by\":\"BadMessageException\"}");
        assertThat(client.readFrame()).startsWith("{\"type\":\"error\",\"code\":\"bad_message\"");
    }

    @Test
    void aListenerThatRefusesTheTypeEndsTheMessageAtOnceAndTheSessionGoesOn() throws IOException {
        start();
        String head = "{\"type\":\"refused\",";
        String payload = head + FILLER + "}";
        client.sendRaw(utf8Length(payload) + ":" + head);

        assertThat(client.readFrame()).isEqualTo("{\"type\":\"aborted\",\"by\":\"BadMessageException\"}");
        assertThat(client.readFrame()).startsWith("{\"type\":\"error\",\"code\":\"bad_message\"")
                .contains("refused by its type after 3 tokens");
        // The rest of the refused frame is skipped, and the next message is read as usual.
        client.sendRaw(payload.substring(head.length()) + ",");
        client.send("{\"type\":\"ping\",\"seq\":1}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"pong\",\"seq\":1}");
    }

    @Test
    void aMessageStillArrivingKeepsItsSessionAliveEvenInsideOneLongString() throws IOException {
        Duration interval = Duration.ofMillis(300);
        start(interval);
        String head = "{\"type\":\"upload\",\"text\":\"";
        int textLength = 1000_000;
        String tail = "\"}";
        client.sendRaw((head.length() + textLength + tail.length()) + ":" + head);

        // Dribble the string, completing no token, for three times the limit of silence (2 intervals).
        String piece = "x".repeat(256);
        int sent = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3 * 2 * interval.toNanos()) {
            long before = chunksSeen.get();
            client.sendRaw(piece);
            sent += piece.length();
            Await.until("the piece read by the server", () -> chunksSeen.get() > before);
        }
        client.sendRaw("x".repeat(textLength - sent) + tail + ",");

        assertThat(client.readFrame()).isEqualTo("{\"type\":\"seen\",\"as\":\"upload\",\"after\":3}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"complete\",\"as\":\"upload\",\"tokens\":6}");
        assertThat(states).as("the session's health while the message arrived").doesNotContain("SUSPECT->DEAD");
    }

    private static int utf8Length(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }
}
