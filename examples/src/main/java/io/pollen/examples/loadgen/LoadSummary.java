package io.pollen.examples.loadgen;

/**
 * The outcome of a load run, printed as the one JSON line DESIGN.md fixes:
 * {@code {"connected":..,"failed":..,"pings":..,"pongs":..,"reconnects":..,"retried":..,"lost":..,
 * "p50_us":..,"p99_us":..,"p999_us":..,"max_us":..}}.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param connected clients holding a welcomed session when the run ended
 * @param failed    clients whose connection could not be made, or was lost during the run
 * @param pings     pings sent
 * @param pongs     pongs received
 * @param reconnects sessions won back: welcomes after a client's first
 * @param retried   pings sent again on a new connection after theirs broke
 * @param lost      pings that never got a pong (timed out, or their connection broke with no retry
 *                  left), retries included; not those still in flight at the end
 * @param p50Us     median ping round trip, in microseconds (0 without pongs)
 * @param p99Us     99th percentile round trip, in microseconds
 * @param p999Us    99.9th percentile round trip, in microseconds
 * @param maxUs     longest round trip, in microseconds
 */
public record LoadSummary(long connected, long failed, long pings, long pongs, long reconnects, long retried,
                          long lost, long p50Us, long p99Us,
                          long p999Us, long maxUs) {

    /** @return the summary as one line of JSON, keys in the contract's order */
    public String toJson() {
        return "{\"connected\":" + connected + ",\"failed\":" + failed + ",\"pings\":" + pings
                + ",\"pongs\":" + pongs + ",\"reconnects\":" + reconnects + ",\"retried\":" + retried
                + ",\"lost\":" + lost + ",\"p50_us\":" + p50Us + ",\"p99_us\":" + p99Us
                + ",\"p999_us\":" + p999Us + ",\"max_us\":" + maxUs + "}";
    }
}
