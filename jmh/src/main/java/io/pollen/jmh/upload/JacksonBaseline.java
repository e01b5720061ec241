package io.pollen.jmh.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The ceiling for {@link UploadThroughput}: the same document parsed by jackson alone in this JVM,
 * counting tokens and nothing else, with no socket, no framing and no validation of Pollen's. Two
 * ways: the blocking parser over the whole payload in a heap array (jackson's best case), and the
 * non-blocking parser fed 64 KiB slices of a direct buffer (what a server that never holds the message
 * can use, and what Pollen's codec uses).
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.pollen.jmh.upload.JacksonBaseline [MB] [first|last] [items|strings] [runs]
 * </pre>
 * Prints one JSON line with the median MB/s of each way, after as many warm-up runs.
 *
 * <p>Single-threaded.
 */
public final class JacksonBaseline {
    private static final int CHUNK = 64 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(-1).build()).build();

    private JacksonBaseline() {
    }

    /**
     * @param args optional: payload MB (100), type position (first), shape (items), runs (5)
     * @throws IOException if jackson fails on the document, which would be a bug of {@link UploadDocument}
     */
    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 100;
        boolean typeLast = args.length > 1 && args[1].equals("last");
        UploadDocument.Shape shape = args.length > 2 ? UploadDocument.Shape.parse(args[2]) : UploadDocument.Shape.ITEMS;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        UploadDocument document = new UploadDocument(megabytes * 1_000_000L, typeLast, shape);
        ByteBuffer direct = document.payload();
        byte[] heap = new byte[direct.remaining()];
        direct.duplicate().get(heap);

        double[] blocking = new double[runs];
        double[] nonBlocking = new double[runs];
        for (int i = -runs; i < runs; i++) { // negative: warm-up
            double b = rate(document, () -> countBlocking(heap));
            double n = rate(document, () -> countNonBlocking(direct.duplicate()));
            if (i >= 0) {
                blocking[i] = b;
                nonBlocking[i] = n;
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"mb\":%d,\"type\":\"%s\",\"shape\":\"%s\",\"blocking_mb_s\":%.1f,\"non_blocking_mb_s\":%.1f}",
                megabytes, typeLast ? "last" : "first", shape.name().toLowerCase(Locale.ROOT),
                median(blocking), median(nonBlocking)));
    }

    private interface Count {
        long tokens() throws IOException;
    }

    private static double rate(UploadDocument document, Count count) throws IOException {
        long start = System.nanoTime();
        long tokens = count.tokens();
        long elapsed = System.nanoTime() - start;
        if (tokens != document.tokens()) {
            throw new IllegalStateException("counted " + tokens + " tokens, the document holds " + document.tokens());
        }
        return document.payloadLength() / 1e6 / (elapsed / 1e9);
    }

    private static long countBlocking(byte[] payload) throws IOException {
        long tokens = 0;
        try (JsonParser parser = JSON.createParser(payload)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }

    private static long countNonBlocking(ByteBuffer payload) throws IOException {
        long tokens = 0;
        try (JsonParser parser = JSON.createNonBlockingByteBufferParser()) {
            ByteBufferFeeder feeder = (ByteBufferFeeder) parser.getNonBlockingInputFeeder();
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.NOT_AVAILABLE) {
                    if (!payload.hasRemaining()) {
                        feeder.endOfInput();
                        continue;
                    }
                    ByteBuffer chunk = payload.slice();
                    chunk.limit(Math.min(CHUNK, chunk.remaining()));
                    payload.position(payload.position() + chunk.remaining());
                    feeder.feedInput(chunk);
                } else if (token == null) {
                    return tokens;
                } else {
                    tokens++;
                }
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
