package io.pollen.session.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pollen.session.Session;
import io.pollen.session.SessionCounters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a session looks in the gateway's answers:
 * <pre>{@code
 * {"id":"c-42","remote":"127.0.0.1:51234","state":"healthy",
 *  "last_seen":"2024-05-01T10:00:00.123Z","opened_at":"2024-05-01T09:58:00Z",
 *  "counters":{"frames_in":3,"frames_out":2,"bytes_in":120,"bytes_out":95},
 *  "rtt_us":412}
 * }</pre>
 * Times are ISO-8601 in UTC; {@code rtt_us} is the last ping round trip in microseconds, or null
 * before any. Stateless; safe from any thread.
 */
final class SessionJson {
    private SessionJson() {
    }

    /**
     * @param json    where to write
     * @param session the session, read field by field (a live view: fields may be a few events apart)
     * @throws IOException if the generator fails
     */
    static void write(JsonGenerator json, Session session) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", session.id());
        json.writeStringField("remote", describe(session.remoteAddress()));
        json.writeStringField("state", session.state().name().toLowerCase(Locale.ROOT));
        json.writeStringField("last_seen", session.lastSeen().toString());
        json.writeStringField("opened_at", session.openedAt().toString());
        SessionCounters counters = session.counters();
        json.writeObjectFieldStart("counters");
        json.writeNumberField("frames_in", counters.framesIn());
        json.writeNumberField("frames_out", counters.framesOut());
        json.writeNumberField("bytes_in", counters.bytesIn());
        json.writeNumberField("bytes_out", counters.bytesOut());
        json.writeEndObject();
        Optional<Duration> rtt = session.roundTripTime();
        json.writeFieldName("rtt_us");
        if (rtt.isPresent()) {
            json.writeNumber(rtt.get().toNanos() / 1_000);
        } else {
            json.writeNull();
        }
        json.writeEndObject();
    }

    /** {@code host:port} with the numeric host, never a reverse DNS lookup; IPv6 in brackets. */
    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
