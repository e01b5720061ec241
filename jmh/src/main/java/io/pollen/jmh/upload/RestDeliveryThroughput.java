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
import java.util.zip.CRC32;

/**
 * Delivers one large message through a running example server's REST gateway to a client of its own,
 * several times, and times each from the POST's first byte to the last byte of the frame the client
 * reads: throughput end to end, REST caller to client, the gateway's spooling and the streamed send
 * included.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.pollen.jmh.upload.RestDeliveryThroughput \
 *     [--host 127.0.0.1] [--port 7000] [--http-port 8080] [--mb 100] [--warmups 2] [--runs 5]
 * </pre>
 *
 * The server needs {@code --max-frame} above the payload. Prints one JSON line:
 * {@code {"mb":..,"runs_mb_s":[..],"median_mb_s":..}} (MB = 10^6 bytes). Every answer must be 202 and
 * every frame the payload's length with its comma; the warm-ups also check that the frame is the
 * payload byte for byte (by CRC-32), which the timed runs leave out so that the client's checksum does
 * not compete with the server for the two cores.
 *
 * <p>Single-threaded: the POST is written whole and answered (the gateway answers once the body is
 * spooled and queued), then the client reads the frame.
 */
public final class RestDeliveryThroughput {
    private static final String SESSION = "rest-bench";
    private static final int READ_CHUNK = 1 << 20;

    private RestDeliveryThroughput() {
    }

    /**
     * @param args the options above
     * @throws IOException if the server cannot be reached or answers wrongly
     */
    public static void main(String[] args) throws IOException {
        Options options = new Options(args);
        UploadDocument document = new UploadDocument(options.megabytes * 1_000_000L, false, UploadDocument.Shape.ITEMS);
        long expectedCrc = crc(document.payload());
        List<Double> runs = new ArrayList<>();
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress(options.host, options.port))) {
            hello(client);
            ByteBuffer scratch = ByteBuffer.allocateDirect(READ_CHUNK);
            for (int i = 0; i < options.warmups + options.runs; i++) {
                boolean verify = i < options.warmups;
                long start = System.nanoTime();
                post(options, document);
                long crc = readFrame(client, document.payloadLength(), scratch, verify);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (verify && crc != expectedCrc) {
                    throw new IOException("the client received other bytes than were posted (CRC-32 " + crc + ", posted "
                            + expectedCrc + ")");
                }
                double rate = document.payloadLength() / 1e6 / seconds;
                System.err.printf(Locale.ROOT, "%s %d: %.1f MB/s%n", verify ? "warm-up" : "run", i + 1, rate);
                if (!verify) {
                    runs.add(rate);
                }
            }
        }
        System.out.println(report(options, runs));
    }

    private static void hello(SocketChannel client) throws IOException {
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] hello = ("{\"type\":\"hello\",\"id\":\"" + SESSION + "\"}").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer frame = ByteBuffer.allocate(hello.length + 16);
        frame.put((hello.length + ":").getBytes(StandardCharsets.US_ASCII)).put(hello).put((byte) ',').flip();
        while (frame.hasRemaining()) {
            client.write(frame);
        }
        String welcome = UploadThroughput.readFrame(client);
        if (!welcome.contains("\"welcome\"")) {
            throw new IOException("expected a welcome, the server answered " + welcome);
        }
    }

    /** One POST on a connection of its own, written whole; fails unless the answer is 202. */
    private static void post(Options options, UploadDocument document) throws IOException {
        try (SocketChannel http = SocketChannel.open(new InetSocketAddress(options.host, options.httpPort))) {
            String head = "POST /sessions/" + SESSION + "/messages HTTP/1.1\r\nHost: " + options.host + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + document.payloadLength()
                    + "\r\nConnection: close\r\n\r\n";
            ByteBuffer[] request = {ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)), document.payload()};
            while (request[1].hasRemaining()) {
                http.write(request);
            }
            ByteBuffer answer = ByteBuffer.allocate(4096);
            while (http.read(answer) >= 0 && answer.hasRemaining()) {
                // Connection: close: the answer ends where the stream does.
            }
            String text = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
            if (!text.startsWith("HTTP/1.1 202")) {
                throw new IOException("the gateway did not queue the message: " + text);
            }
        }
    }

    /** Reads one frame of {@code length} payload bytes; returns the payload's CRC-32 if asked, else 0. */
    private static long readFrame(SocketChannel client, long length, ByteBuffer scratch, boolean checksum) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        long declared = 0;
        while (true) {
            one.clear();
            if (client.read(one) < 0) {
                throw new EOFException("the client's connection closed before the frame");
            }
            byte b = one.get(0);
            if (b == ':') {
                break;
            }
            declared = declared * 10 + (b - '0');
        }
        if (declared != length) {
            throw new IOException("the frame is " + declared + " bytes, the message " + length);
        }
        CRC32 crc = checksum ? new CRC32() : null;
        long left = length + 1;
        byte last = 0;
        while (left > 0) {
            scratch.clear().limit((int) Math.min(scratch.capacity(), left));
            int n = client.read(scratch);
            if (n < 0) {
                throw new EOFException("the client's connection closed " + left + " bytes before the frame's end");
            }
            scratch.flip();
            last = scratch.get(scratch.limit() - 1);
            if (crc != null) {
                ByteBuffer payload = scratch.duplicate();
                if (left == payload.remaining()) {
                    payload.limit(payload.limit() - 1); // not the comma
                }
                crc.update(payload);
            }
            left -= n;
        }
        if (last != ',') {
            throw new IOException("a frame without its comma");
        }
        return crc == null ? 0 : crc.getValue();
    }

    private static long crc(ByteBuffer payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return crc.getValue();
    }

    private static String report(Options options, List<Double> runs) {
        return String.format(Locale.ROOT, "{\"mb\":%d,\"runs_mb_s\":[%s],\"median_mb_s\":%.1f}", options.megabytes,
                RunRates.each(runs), RunRates.median(runs));
    }

    /** The command line, with its defaults. */
    private static final class Options {
        String host = "127.0.0.1";
        int port = 7000;
        int httpPort = 8080;
        long megabytes = 100;
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
                    case "--http-port" -> httpPort = Integer.parseInt(value);
                    case "--mb" -> megabytes = Long.parseLong(value);
                    case "--warmups" -> warmups = Integer.parseInt(value);
                    case "--runs" -> runs = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --host --port --http-port --mb --warmups --runs");
                }
            }
            if (runs < 1 || warmups < 1 || megabytes < 1) {
                throw new IllegalArgumentException("--runs and --warmups must be at least 1 (a warm-up checks the bytes), --mb at least 1");
            }
        }
    }
}
