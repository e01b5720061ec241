package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lines between a load child and its parent carry the counters and the whole histogram, unchanged. */
class ChildReportTest {
    private static final LoadCounts COUNTS = new LoadCounts(5, 1, 100, 98, 2, 3, 1);

    private static Histogram roundTrips() {
        Histogram histogram = LoadStats.newHistogram();
        for (int us = 1; us <= 10_000; us++) {
            histogram.recordValue(us);
        }
        histogram.recordValue(3_600_000_000L); // an hour: the histogram grows to fit, and so must its copy
        return histogram;
    }

    @Test
    void aResultLineGivesBackTheCountsAndTheRoundTrips() {
        StringWriter out = new StringWriter();
        Histogram sent = roundTrips();

        new ChildReport(new PrintWriter(out)).result(new LoadResult(COUNTS, sent));

        assertThat(out.toString().lines()).hasSize(1);
        LoadResult read = ChildReport.readResult(out.toString().strip());
        assertThat(read.counts()).isEqualTo(COUNTS);
        assertThat(read.roundTrips()).isEqualTo(sent);
        assertThat(ChildReport.readProgress(out.toString().strip())).as("not a progress line").isNull();
    }

    @Test
    void aProgressLineGivesBackTheSecond() {
        StringWriter out = new StringWriter();
        Histogram lastSecond = roundTrips();

        new ChildReport(new PrintWriter(out)).onProgress(new LoadProgress(3, 40, 50, COUNTS, lastSecond));

        LoadProgress read = ChildReport.readProgress(out.toString().strip());
        assertThat(read.elapsedSeconds()).isEqualTo(3);
        assertThat(read.opened()).isEqualTo(40);
        assertThat(read.clients()).isEqualTo(50);
        assertThat(read.counts()).isEqualTo(COUNTS);
        assertThat(read.lastSecond().getValueAtPercentile(50)).isEqualTo(lastSecond.getValueAtPercentile(50));
        assertThat(read.lastSecond().getTotalCount()).isEqualTo(lastSecond.getTotalCount());
    }

    @Test
    void mergedResultsHaveTheSummedCountsAndThePercentilesOfAllRoundTrips() {
        Histogram fast = LoadStats.newHistogram();
        Histogram slow = LoadStats.newHistogram();
        for (int i = 0; i < 100; i++) {
            fast.recordValue(100);
            slow.recordValue(900);
        }
        slow.recordValue(900);

        LoadSummary summary = new LoadResult(COUNTS, fast).plus(new LoadResult(COUNTS, slow)).summary();

        assertThat(summary.connected()).isEqualTo(10);
        assertThat(summary.pings()).isEqualTo(200);
        assertThat(summary.pongs()).isEqualTo(196);
        assertThat(summary.p50Us()).as("the median of both, not of either").isBetween(899L, 901L);
        assertThat(summary.maxUs()).isBetween(899L, 901L);
    }

    @Test
    void otherLinesAreNoReportAndMalformedReportsAreRefused() {
        assertThat(ChildReport.readResult("INFO: Pollen backend epoll chosen")).isNull();
        assertThat(ChildReport.readProgress("INFO: Pollen backend epoll chosen")).isNull();
        assertThatThrownBy(() -> ChildReport.readResult(ChildReport.RESULT_TAG + " connected=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks");
        assertThatThrownBy(() -> ChildReport.readResult(ChildReport.RESULT_TAG + " connected=1 failed=0 pings=0 pongs=0"
                + " reconnects=0 retried=0 lost=0 histogram=bm90IGEgaGlzdG9ncmFt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decode");
    }
}
