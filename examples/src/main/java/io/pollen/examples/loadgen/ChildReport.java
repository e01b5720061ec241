package io.pollen.examples.loadgen;

import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * The lines a load child prints on standard output for its parent ({@code loadgen --processes}), and
 * their reading on the parent's side: one progress line each second and one result line at the end,
 * each {@code key=value} pairs after a fixed tag, the round trips as the base64 of HdrHistogram's
 * compressed encoding, so that the parent merges histograms rather than averaging percentiles.
 *
 * <pre>
 * pollen-loadgen-progress t=3 opened=500 clients=500 connected=500 failed=0 pings=.. pongs=.. reconnects=0 retried=0 lost=0 histogram=HISTFAAAA...
 * pollen-loadgen-result connected=500 failed=0 pings=.. pongs=.. reconnects=0 retried=0 lost=0 histogram=HISTFAAAA...
 * </pre>
 *
 * <h2>Threading</h2>
 * {@link #onProgress} and {@link #result} are called on the child's pacer thread; the static readers
 * are stateless and safe from any thread.
 */
final class ChildReport implements ProgressSink {
    static final String PROGRESS_TAG = "pollen-loadgen-progress";
    static final String RESULT_TAG = "pollen-loadgen-result";

    private final PrintWriter out;

    /** @param out the child's standard output, read by the parent */
    ChildReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onProgress(LoadProgress progress) {
        out.println(PROGRESS_TAG + " t=" + progress.elapsedSeconds() + " opened=" + progress.opened()
                + " clients=" + progress.clients() + " " + countsText(progress.counts())
                + " histogram=" + encode(progress.lastSecond()));
        out.flush();
    }

    /** @param result the child's run, the last line it prints */
    void result(LoadResult result) {
        out.println(RESULT_TAG + " " + countsText(result.counts()) + " histogram=" + encode(result.roundTrips()));
        out.flush();
    }

    /**
     * @param line a line of a child's standard output
     * @return its progress, or null if it is not a progress line
     * @throws IllegalArgumentException if it is one, but malformed
     */
    static LoadProgress readProgress(String line) {
        Map<String, String> fields = fields(line, PROGRESS_TAG);
        if (fields == null) {
            return null;
        }
        return new LoadProgress(number(fields, "t"), number(fields, "opened"), number(fields, "clients"),
                counts(fields), decode(fields));
    }

    /**
     * @param line a line of a child's standard output
     * @return its result, or null if it is not a result line
     * @throws IllegalArgumentException if it is one, but malformed
     */
    static LoadResult readResult(String line) {
        Map<String, String> fields = fields(line, RESULT_TAG);
        return fields == null ? null : new LoadResult(counts(fields), decode(fields));
    }

    private static String countsText(LoadCounts counts) {
        return "connected=" + counts.connected() + " failed=" + counts.failed() + " pings=" + counts.pings()
                + " pongs=" + counts.pongs() + " reconnects=" + counts.reconnects() + " retried=" + counts.retried()
                + " lost=" + counts.lost();
    }

    private static LoadCounts counts(Map<String, String> fields) {
        return new LoadCounts(number(fields, "connected"), number(fields, "failed"), number(fields, "pings"),
                number(fields, "pongs"), number(fields, "reconnects"), number(fields, "retried"), number(fields, "lost"));
    }

    private static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    private static Histogram decode(Map<String, String> fields) {
        String text = require(fields, "histogram");
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a load child sent a histogram that does not decode: " + e.getMessage(), e);
        }
    }

    /** @return the line's fields, or null if it does not begin with the tag */
    private static Map<String, String> fields(String line, String tag) {
        if (!line.startsWith(tag + " ")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(tag.length() + 1).split(" ")) {
            // Split at the first '=' only: base64 pads with '='.
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("a load child sent a malformed line: " + line);
            }
            fields.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return fields;
    }

    private static long number(Map<String, String> fields, String key) {
        try {
            return Long.parseLong(require(fields, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a load child sent a " + key + " that is no number: " + fields.get(key), e);
        }
    }

    private static String require(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("a load child's line lacks " + key + ": " + fields.keySet());
        }
        return value;
    }
}
