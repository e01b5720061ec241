package io.pollen.examples.loadgen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a load run does, as the {@code loadgen} options describe it.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param server       the server to load
 * @param clients      how many clients to open
 * @param connectRate  clients opened per second
 * @param pingInterval how often each client pings
 * @param duration     how long the run lasts, from the first connection to the summary
 * @param sourceIps    local addresses to spread clients over, round-robin; empty for the system's choice
 * @param retries      how many times a ping whose connection broke is sent again after the reconnect;
 *                     0 also means clients never reconnect
 * @param ids          the ids the clients claim with {@code hello}, and their tokens
 */
public record LoadPlan(InetSocketAddress server, int clients, int connectRate, Duration pingInterval,
                       Duration duration, List<InetAddress> sourceIps, int retries, ClientIds ids) {

    /**
     * @param server       the server to load
     * @param clients      how many clients to open
     * @param connectRate  clients opened per second
     * @param pingInterval how often each client pings
     * @param duration     how long the run lasts
     * @param sourceIps    local addresses to spread clients over; empty for the system's choice
     * @param retries      how many times a ping whose connection broke is sent again, at least 0
     * @param ids          the ids the clients claim, {@link ClientIds#NONE} for none
     * @throws IllegalArgumentException if a count, rate or duration is not positive, or retries negative
     */
    public LoadPlan {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(ids, "ids");
        sourceIps = List.copyOf(sourceIps);
        if (clients < 1 || connectRate < 1) {
            throw new IllegalArgumentException("clients and connect rate must be positive, got " + clients
                    + " clients at " + connectRate + "/s");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be at least 0, got " + retries);
        }
        if (pingInterval.isZero() || pingInterval.isNegative() || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("ping interval and duration must be positive, got " + pingInterval
                    + " and " + duration);
        }
    }

    /**
     * A plan whose clients claim no id.
     *
     * @param server       the server to load
     * @param clients      how many clients to open
     * @param connectRate  clients opened per second
     * @param pingInterval how often each client pings
     * @param duration     how long the run lasts
     * @param sourceIps    local addresses to spread clients over; empty for the system's choice
     * @param retries      how many times a ping whose connection broke is sent again, at least 0
     */
    public LoadPlan(InetSocketAddress server, int clients, int connectRate, Duration pingInterval,
                    Duration duration, List<InetAddress> sourceIps, int retries) {
        this(server, clients, connectRate, pingInterval, duration, sourceIps, retries, ClientIds.NONE);
    }
}
