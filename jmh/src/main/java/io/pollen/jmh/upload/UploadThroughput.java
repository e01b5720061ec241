package io.pollen.jmh.upload;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Uploads one large message to a running example server, several times over one connection, and
 * times each from its first byte sent to its {@code ack} read: throughput end to end, client to ack.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.pollen.jmh.upload.UploadThroughput \
 *     [--host 127.0.0.1] [--port 7000] [--mb 100] [--type first|last] [--shape items|strings] \
 *     [--warmups 2] [--runs 5]
 * </pre>
 *
 * The server needs {@code --max-frame} above the payload. Prints one JSON line:
 * {@code {"mb":..,"type":..,"shape":..,"runs_mb_s":[..],"median_mb_s":..}} (MB = 10^6 bytes). Each ack is
 * checked against the document's byte and token counts; a wrong or missing ack fails the run.
 *
 * <p>Single-threaded: one connection, one upload at a time.
 */
public final class UploadThroughput {

    private UploadThroughput() {
    }

    /**
     * @param args the options above
     * @throws IOException if the server cannot be reached or answers wrongly
     */
    public static void main(String[] args) throws IOException {
        Options options = new Options(args);
        UploadDocument document = new UploadDocument(options.megabytes * 1_000_000L, options.typeLast, options.shape);
        List<Double> runs = new ArrayList<>();
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(options.host, options.port))) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            for (int i = 0; i < options.warmups + options.runs; i++) {
                double seconds = uploadOnce(channel, document);
                double rate = document.payloadLength() / 1e6 / seconds;
                System.err.printf(Locale.ROOT, "%s %d: %.1f MB/s%n", i < options.warmups ? "warm-up" : "run",
                        i + 1, rate);
                if (i >= options.warmups) {
                    runs.add(rate);
                }
            }
        }
        System.out.println(report(options, runs));
    }

    /** Sends the whole frame, then reads the ack; returns the seconds from first byte to ack. */
    static double uploadOnce(SocketChannel channel, UploadDocument document) throws IOException {
        ByteBuffer frame = document.frame();
        long start = System.nanoTime();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        String ack = readFrame(channel);
        long elapsed = System.nanoTime() - start;
        if (!ack.equals(document.expectedAck())) {
            throw new IOException("expected " + document.expectedAck() + ", the server answered " + ack);
        }
        return elapsed / 1e9;
    }

    /** Reads one small NetString frame, byte by byte: it is the ack, a few dozen bytes. */
    static String readFrame(SocketChannel channel) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int length = 0;
        for (byte b = readByte(channel, one); b != ':'; b = readByte(channel, one)) {
            if (b < '0' || b > '9' || length > 100_000_000) {
                throw new IOException("not a NetString length byte: " + b);
            }
            length = length * 10 + (b - '0');
        }
        ByteBuffer payload = ByteBuffer.allocate(length + 1);
        while (payload.hasRemaining()) {
            if (channel.read(payload) < 0) {
                throw new EOFException("the server closed the connection inside a frame");
            }
        }
        if (payload.get(length) != ',') {
            throw new IOException("a frame without its comma");
        }
        return new String(payload.array(), 0, length, StandardCharsets.UTF_8);
    }

    private static byte readByte(SocketChannel channel, ByteBuffer one) throws IOException {
        one.clear();
        while (one.hasRemaining()) {
            if (channel.read(one) < 0) {
                throw new EOFException("the server closed the connection before its answer");
            }
        }
        return one.get(0);
    }

    private static String report(Options options, List<Double> runs) {
        return String.format(Locale.ROOT,
                "{\"mb\":%d,\"type\":\"%s\",\"shape\":\"%s\",\"runs_mb_s\":[%s],\"median_mb_s\":%.1f}",
                options.megabytes, options.typeLast ? "last" : "first",
                options.shape.name().toLowerCase(Locale.ROOT), RunRates.each(runs), RunRates.median(runs));
    }

    /** The command line, with its defaults. */
    private static final class Options {
        String host = "127.0.0.1";
        int port = 7000;
        long megabytes = 100;
        boolean typeLast;
        UploadDocument.Shape shape = UploadDocument.Shape.ITEMS;
        int warmups = 2;
        int runs = 5;

        Options(String[] args) {
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("options come in pairs, got " + Arrays.toString(args));
            }
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--mb" -> megabytes = Long.parseLong(value);
                    case "--type" -> typeLast = parseTypePosition(value);
                    case "--shape" -> shape = UploadDocument.Shape.parse(value);
                    case "--warmups" -> warmups = Integer.parseInt(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --host --port --mb --type --shape --warmups --runs");
                }
            }
            if (runs < 1 || warmups < 0 || megabytes < 1) {
                throw new IllegalArgumentException("--runs must be at least 1, --warmups not negative, --mb at least 1");
            }
        }

        private static boolean parseTypePosition(String value) {
            return switch (value) {
                case "first" -> false;
                case "last" -> true;
                default -> throw new IllegalArgumentException("--type is first or last, got " + value);
            };
        }
    }
}
