package io.pollen.session.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.session.SessionCounters;
import io.pollen.session.SessionState;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link SessionSnapshot} as JSON, the one form the REST gateway answers with and a cluster carries
 * between nodes:
 * <pre>{@code
 * {"id":"c-42","node":"box1-4711","remote":"127.0.0.1:51234","state":"healthy",
 *  "last_seen":"2024-05-01T10:00:00.123Z","opened_at":"2024-05-01T09:58:00Z",
 *  "counters":{"frames_in":3,"frames_out":2,"bytes_in":120,"bytes_out":95},
 *  "rtt_us":412}
 * }</pre>
 * Times are ISO-8601 in UTC; {@code rtt_us} is the last ping round trip in microseconds, or null
 * before any. Stateless; safe from any thread.
 */
public final class SessionSnapshotJson {
    private SessionSnapshotJson() {
    }

    /**
     * @param json     where to write
     * @param snapshot what to write, as one object
     * @throws IOException if the generator fails
     */
    public static void write(JsonGenerator json, SessionSnapshot snapshot) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", snapshot.id());
        json.writeStringField("node", snapshot.node());
        json.writeStringField("remote", snapshot.remoteAddress());
        json.writeStringField("state", snapshot.state().name().toLowerCase(Locale.ROOT));
        json.writeStringField("last_seen", snapshot.lastSeen().toString());
        json.writeStringField("opened_at", snapshot.openedAt().toString());
        SessionCounters counters = snapshot.counters();
        json.writeObjectFieldStart("counters");
        json.writeNumberField("frames_in", counters.framesIn());
        json.writeNumberField("frames_out", counters.framesOut());
        json.writeNumberField("bytes_in", counters.bytesIn());
        json.writeNumberField("bytes_out", counters.bytesOut());
        json.writeEndObject();
        json.writeFieldName("rtt_us");
        if (snapshot.roundTripTime().isPresent()) {
            json.writeNumber(snapshot.roundTripTime().get().toNanos() / 1_000);
        } else {
            json.writeNull();
        }
        json.writeEndObject();
    }

    /**
     * Reads one object written by {@link #write}; unknown members are skipped, so a newer node may add
     * some.
     *
     * @param json a parser whose current token is the object's start
     * @return the snapshot
     * @throws IOException if the JSON is not such an object
     */
    public static SessionSnapshot read(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("a session snapshot must be a JSON object, found " + json.currentToken());
        }
        String id = null;
        String node = null;
        String remote = null;
        SessionState state = null;
        Instant lastSeen = null;
        Instant openedAt = null;
        long[] counters = new long[4];
        Duration rtt = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "id" -> id = json.getText();
                case "node" -> node = json.getText();
                case "remote" -> remote = json.getText();
                case "state" -> state = SessionState.valueOf(json.getText().toUpperCase(Locale.ROOT));
                case "last_seen" -> lastSeen = Instant.parse(json.getText());
                case "opened_at" -> openedAt = Instant.parse(json.getText());
                case "counters" -> readCounters(json, counters);
                case "rtt_us" -> rtt = value == JsonToken.VALUE_NULL ? null : Duration.ofNanos(json.getLongValue() * 1_000);
                default -> json.skipChildren();
            }
        }
        try {
            return new SessionSnapshot(id, node, remote, state, lastSeen, openedAt,
                    new SessionCounters(counters[0], counters[1], counters[2], counters[3]), Optional.ofNullable(rtt));
        } catch (NullPointerException e) {
            throw new IOException("a session snapshot lacks a member: " + e.getMessage(), e);
        }
    }

    private static void readCounters(JsonParser json, long[] counters) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("\"counters\" must be an object");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "frames_in" -> counters[0] = json.getLongValue();
                case "frames_out" -> counters[1] = json.getLongValue();
                case "bytes_in" -> counters[2] = json.getLongValue();
                case "bytes_out" -> counters[3] = json.getLongValue();
                default -> json.skipChildren();
            }
        }
    }
}
