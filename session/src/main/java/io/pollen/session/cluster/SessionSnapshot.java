package io.pollen.session.cluster;

import io.pollen.session.Session;
import io.pollen.session.SessionCounters;
import io.pollen.session.SessionState;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller may learn about a session that may live in another process: its fields copied at one
 * moment, with the node that holds it. Immutable; safe from any thread.
 *
 * @param id            the session id
 * @param node          the name of the node the client is connected to
 * @param remoteAddress the client's address as {@code host:port} (numeric host; IPv6 in brackets)
 * @param state         its health
 * @param lastSeen      when its last inbound frame arrived
 * @param openedAt      when it opened
 * @param counters      its traffic
 * @param roundTripTime its last measured ping round trip, if any
 */
public record SessionSnapshot(String id, String node, String remoteAddress, SessionState state, Instant lastSeen,
                              Instant openedAt, SessionCounters counters, Optional<Duration> roundTripTime) {

    /** Checks that no field is null. */
    public SessionSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(roundTripTime, "roundTripTime");
    }

    /**
     * @param session a live session of this process
     * @param node    the name of this node
     * @return its fields as of now (read one by one: they may be a few events apart)
     */
    public static SessionSnapshot of(Session session, String node) {
        return new SessionSnapshot(session.id(), node, describe(session.remoteAddress()), session.state(),
                session.lastSeen(), session.openedAt(), session.counters(), session.roundTripTime());
    }

    /** {@code host:port} with the numeric host, never a reverse DNS lookup; IPv6 in brackets. */
    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
