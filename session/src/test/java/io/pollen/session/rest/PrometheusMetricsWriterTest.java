package io.pollen.session.rest;

import io.pollen.codec.reactor.ErrorCode;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.ReactorMetrics;
import io.pollen.session.RecordedRoundTrips;
import io.pollen.session.RoundTripHistogram;
import io.pollen.session.SessionMetrics;
import io.pollen.session.SessionState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusMetricsWriterTest {

    @Test
    void writesEveryFamilyWithHelpTypeAndDistinctValues() {
        String text = PrometheusMetricsWriter.write(new DistinctMetrics(), 2);

        assertThat(text).isEqualTo(""
                + "# HELP pollen_sessions Open sessions by keep-alive state.\n"
                + "# TYPE pollen_sessions gauge\n"
                + "pollen_sessions{state=\"healthy\"} 1\n"
                + "pollen_sessions{state=\"suspect\"} 2\n"
                + "pollen_sessions{state=\"dead\"} 3\n"
                + "# HELP pollen_frames_in_total Frames received from clients, keep-alives included.\n"
                + "# TYPE pollen_frames_in_total counter\n"
                + "pollen_frames_in_total 10\n"
                + "# HELP pollen_frames_out_total Frames queued for clients.\n"
                + "# TYPE pollen_frames_out_total counter\n"
                + "pollen_frames_out_total 20\n"
                + "# HELP pollen_bytes_in_total Bytes received from clients.\n"
                + "# TYPE pollen_bytes_in_total counter\n"
                + "pollen_bytes_in_total 30\n"
                + "# HELP pollen_bytes_out_total Bytes queued for clients.\n"
                + "# TYPE pollen_bytes_out_total counter\n"
                + "pollen_bytes_out_total 40\n"
                + "# HELP pollen_errors_total Error replies sent to clients, by protocol error code.\n"
                + "# TYPE pollen_errors_total counter\n"
                + "pollen_errors_total{code=\"bad_frame\"} 100\n"
                + "pollen_errors_total{code=\"too_large\"} 101\n"
                + "pollen_errors_total{code=\"bad_json\"} 102\n"
                + "pollen_errors_total{code=\"limit_exceeded\"} 103\n"
                + "pollen_errors_total{code=\"bad_message\"} 104\n"
                + "pollen_errors_total{code=\"timeout\"} 105\n"
                + "pollen_errors_total{code=\"id_taken\"} 106\n"
                + "pollen_errors_total{code=\"unauthorized\"} 107\n"
                + "# HELP pollen_timeouts_total Sessions closed for keep-alive silence.\n"
                + "# TYPE pollen_timeouts_total counter\n"
                + "pollen_timeouts_total 50\n"
                + "# HELP pollen_accept_overloads_total Connections turned away or accept pauses, by reason.\n"
                + "# TYPE pollen_accept_overloads_total counter\n"
                + "pollen_accept_overloads_total{reason=\"descriptors_exhausted\"} 200\n"
                + "pollen_accept_overloads_total{reason=\"accept_failed\"} 201\n"
                + "pollen_accept_overloads_total{reason=\"max_connections\"} 202\n"
                + "pollen_accept_overloads_total{reason=\"backend_capacity\"} 203\n"
                + "# HELP pollen_connections_refused_total Connections the server turned away, by reason (accept pauses are not counted here).\n"
                + "# TYPE pollen_connections_refused_total counter\n"
                + "pollen_connections_refused_total{reason=\"accept_failed\"} 201\n"
                + "pollen_connections_refused_total{reason=\"max_connections\"} 202\n"
                + "pollen_connections_refused_total{reason=\"backend_capacity\"} 203\n"
                + "# HELP pollen_loop_task_queue_depth Tasks waiting in each event loop's queue.\n"
                + "# TYPE pollen_loop_task_queue_depth gauge\n"
                + "pollen_loop_task_queue_depth{loop=\"0\"} 300\n"
                + "pollen_loop_task_queue_depth{loop=\"1\"} 301\n"
                + "# HELP pollen_rtt_seconds Round trips of the server's pings to its clients.\n"
                + "# TYPE pollen_rtt_seconds histogram\n"
                + "pollen_rtt_seconds_bucket{le=\"0.0001\"} 1\n"
                + "pollen_rtt_seconds_bucket{le=\"0.00025\"} 1\n"
                + "pollen_rtt_seconds_bucket{le=\"0.0005\"} 1\n"
                + "pollen_rtt_seconds_bucket{le=\"0.001\"} 1\n"
                + "pollen_rtt_seconds_bucket{le=\"0.0025\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.005\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.01\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.025\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.05\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.1\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.25\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"0.5\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"1\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"2.5\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"5\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"10\"} 2\n"
                + "pollen_rtt_seconds_bucket{le=\"+Inf\"} 3\n"
                + "pollen_rtt_seconds_sum 12.00205\n"
                + "pollen_rtt_seconds_count 3\n");
    }

    /** A different value for every counter, so a swapped one shows. */
    private static final class DistinctMetrics implements SessionMetrics {
        @Override
        public int sessions(SessionState state) {
            return state.ordinal() + 1;
        }

        @Override
        public long framesIn() {
            return 10;
        }

        @Override
        public long framesOut() {
            return 20;
        }

        @Override
        public long bytesIn() {
            return 30;
        }

        @Override
        public long bytesOut() {
            return 40;
        }

        @Override
        public long errors(ErrorCode code) {
            return 100 + code.ordinal();
        }

        @Override
        public long timeouts() {
            return 50;
        }

        @Override
        public ReactorMetrics reactor() {
            return new DistinctReactorMetrics();
        }

        @Override
        public RoundTripHistogram roundTrips() {
            // 50 µs, 2 ms and 12 s: the first bucket, a middle one and past the last bound.
            return RecordedRoundTrips.of(50_000, 2_000_000, 12_000_000_000L);
        }
    }

    private static final class DistinctReactorMetrics implements ReactorMetrics {
        @Override
        public long openConnections() {
            return -1;
        }

        @Override
        public long acceptedConnections() {
            return -1;
        }

        @Override
        public long closedConnections() {
            return -1;
        }

        @Override
        public long overloads(OverloadReason reason) {
            return 200 + reason.ordinal();
        }

        @Override
        public long totalOverloads() {
            return -1;
        }

        @Override
        public long rejectedWrites() {
            return -1;
        }

        @Override
        public long bytesRead() {
            return -1;
        }

        @Override
        public long bytesWritten() {
            return -1;
        }

        @Override
        public long wakeupsSignalled() {
            return -1;
        }

        @Override
        public long tasksExecuted() {
            return -1;
        }

        @Override
        public int taskQueueDepth(int loop) {
            return 300 + loop;
        }
    }
}
