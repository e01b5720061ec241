package io.pollen.session.rest;

import io.pollen.session.cluster.NodeInfo;

import io.pollen.codec.reactor.ErrorCode;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.ReactorMetrics;
import io.pollen.session.RoundTripHistogram;
import io.pollen.session.SessionMetrics;
import io.pollen.session.SessionState;
import io.pollen.session.cluster.NodeInfo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Writes a session server's counters in the Prometheus text exposition format, version 0.0.4: every
 * family with its {@code # HELP} and {@code # TYPE} lines, counters suffixed {@code _total}, label
 * values taken from enums (so they never need escaping).
 *
 * <pre>
 * pollen_sessions{state="healthy"}              gauge
 * pollen_frames_in_total, pollen_frames_out_total, pollen_bytes_in_total, pollen_bytes_out_total
 * pollen_errors_total{code="bad_json"}          counter, one per protocol error code
 * pollen_timeouts_total                         counter
 * pollen_accept_overloads_total{reason="max_connections"}  counter, one per overload reason
 * pollen_connections_refused_total{reason="backend_capacity"}  counter, one per reason that refuses a connection
 * pollen_loop_task_queue_depth{loop="0"}        gauge, one per event loop
 * pollen_rtt_seconds_bucket{le="0.0001"}, _sum, _count   histogram of the server's ping round trips
 * </pre>
 *
 * Stateless; safe from any thread. Values are read one by one without stopping the loops, so a scrape
 * may see counters a few events apart.
 */
final class PrometheusMetricsWriter {
    private PrometheusMetricsWriter() {
    }

    /**
     * @param metrics the server's counters
     * @param loops   how many event loops the reactor runs
     * @return the exposition text
     */
    static String write(SessionMetrics metrics, int loops) {
        StringBuilder out = new StringBuilder(2048);
        family(out, "pollen_sessions", "gauge", "Open sessions by keep-alive state.");
        for (SessionState state : SessionState.values()) {
            sample(out, "pollen_sessions", "state", label(state), metrics.sessions(state));
        }
        counter(out, "pollen_frames_in_total", "Frames received from clients, keep-alives included.",
                metrics.framesIn());
        counter(out, "pollen_frames_out_total", "Frames queued for clients.", metrics.framesOut());
        counter(out, "pollen_bytes_in_total", "Bytes received from clients.", metrics.bytesIn());
        counter(out, "pollen_bytes_out_total", "Bytes queued for clients.", metrics.bytesOut());
        family(out, "pollen_errors_total", "counter", "Error replies sent to clients, by protocol error code.");
        for (ErrorCode code : ErrorCode.values()) {
            sample(out, "pollen_errors_total", "code", code.wireName(), metrics.errors(code));
        }
        counter(out, "pollen_timeouts_total", "Sessions closed for keep-alive silence.", metrics.timeouts());
        ReactorMetrics reactor = metrics.reactor();
        family(out, "pollen_accept_overloads_total", "counter",
                "Connections turned away or accept pauses, by reason.");
        for (OverloadReason reason : OverloadReason.values()) {
            sample(out, "pollen_accept_overloads_total", "reason", label(reason), reactor.overloads(reason));
        }
        family(out, "pollen_connections_refused_total", "counter",
                "Connections the server turned away, by reason (accept pauses are not counted here).");
        for (OverloadReason reason : OverloadReason.values()) {
            // Running out of descriptors pauses accepting: the clients wait in the backlog, none is refused.
            if (reason != OverloadReason.DESCRIPTORS_EXHAUSTED) {
                sample(out, "pollen_connections_refused_total", "reason", label(reason), reactor.overloads(reason));
            }
        }
        family(out, "pollen_loop_task_queue_depth", "gauge", "Tasks waiting in each event loop's queue.");
        for (int loop = 0; loop < loops; loop++) {
            sample(out, "pollen_loop_task_queue_depth", "loop", Integer.toString(loop), reactor.taskQueueDepth(loop));
        }
        roundTrips(out, metrics.roundTrips());
        return out.toString();
    }

    private static void roundTrips(StringBuilder out, RoundTripHistogram histogram) {
        family(out, "pollen_rtt_seconds", "histogram", "Round trips of the server's pings to its clients.");
        // Loops keep recording while this reads: counts only grow, so buckets read in order are
        // non-decreasing, and capping them at the count read first keeps every bucket <= +Inf == _count.
        long count = histogram.count();
        for (int bucket = 0; bucket < histogram.boundedBuckets(); bucket++) {
            String le = BigDecimal.valueOf(histogram.upperBoundMicros(bucket), 6).stripTrailingZeros().toPlainString();
            sample(out, "pollen_rtt_seconds_bucket", "le", le, Math.min(count, histogram.countAtMost(bucket)));
        }
        sample(out, "pollen_rtt_seconds_bucket", "le", "+Inf", count);
        out.append("pollen_rtt_seconds_sum ")
                .append(BigDecimal.valueOf(histogram.sumNanos(), 9).stripTrailingZeros().toPlainString()).append('\n');
        out.append("pollen_rtt_seconds_count ").append(count).append('\n');
    }

    /**
     * @param nodes the live nodes of a cluster
     * @return their session counts, one gauge sample per node
     */
    static String writeNodes(List<NodeInfo> nodes) {
        StringBuilder out = new StringBuilder(128 + 64 * nodes.size());
        family(out, "pollen_cluster_node_sessions", "gauge", "Sessions held by each live node at its last heartbeat.");
        for (NodeInfo node : nodes) {
            sample(out, "pollen_cluster_node_sessions", "node", escapeLabel(node.node()), node.sessions());
        }
        return out.toString();
    }

    /** A label value as the text format wants it: backslash, quote and newline escaped. */
    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        family(out, name, "counter", help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String label, String labelValue, long value) {
        out.append(name).append('{').append(label).append("=\"").append(labelValue).append("\"} ")
                .append(value).append('\n');
    }

    private static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
