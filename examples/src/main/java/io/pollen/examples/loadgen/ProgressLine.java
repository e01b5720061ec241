package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;

import java.io.PrintWriter;

/**
 * Prints each second's progress as the one line people read on standard error, the same whether the
 * run is one process or the sum of several:
 * {@code loadgen t=3s opened=900/1000 connected=900 failed=0 pings=.. pongs=.. reconnects=..
 * retried=.. lost=.. p50_us=.. p99_us=..}, percentiles of that second alone.
 *
 * <h2>Threading</h2>
 * Called on one thread at a time (the pacer, or the parent's folding thread).
 */
final class ProgressLine implements ProgressSink {
    private final PrintWriter out;

    /** @param out where the lines go (standard error) */
    ProgressLine(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onProgress(LoadProgress progress) {
        LoadCounts counts = progress.counts();
        Histogram lastSecond = progress.lastSecond();
        out.println("loadgen t=" + progress.elapsedSeconds() + "s"
                + " opened=" + progress.opened() + "/" + progress.clients()
                + " connected=" + counts.connected()
                + " failed=" + counts.failed()
                + " pings=" + counts.pings()
                + " pongs=" + counts.pongs()
                + " reconnects=" + counts.reconnects()
                + " retried=" + counts.retried()
                + " lost=" + counts.lost()
                + " p50_us=" + lastSecond.getValueAtPercentile(50)
                + " p99_us=" + lastSecond.getValueAtPercentile(99));
        out.flush();
    }
}
