package io.pollen.session.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads and validates a JSON request body as it arrives, never holding it whole: up to the spool
 * threshold it is kept in memory, beyond it written to a {@link BodySpool} file, while one
 * {@link JsonBodyCheck} sees every byte.
 *
 * <ul>
 *   <li><b>Size.</b> A declared {@code Content-Length} over the limit is refused (413) before a single body
 *       byte is read; a body of unknown length (chunked) as soon as it passes the limit. The JDK server
 *       then discards a bounded amount of what remains ({@code sun.net.httpserver.drainAmount}, 64 KiB)
 *       and closes the connection.</li>
 *   <li><b>Spool.</b> A declared length over the threshold reserves its whole length in the spool budget
 *       before reading (503 {@code spool_full} if there is no room); a chunked body reserves as it grows.
 *       Where spooling is not allowed (broadcast), a body over the threshold is 413.</li>
 *   <li><b>Time.</b> Each read has a deadline ({@link ReadWatchdog}): the body's bytes may pause for at
 *       most the idle timeout, and after that much time from the first read they must keep up with the
 *       minimum rate. A read past its deadline closes the connection.</li>
 * </ul>
 *
 * <p>Safe from any thread: it holds settings only; each {@link #read} call is its thread's own.
 */
final class RequestBodyReader {
    /** The read size: large enough for throughput, small enough to be nothing in a small heap. */
    static final int CHUNK = 64 * 1024;

    private final JsonBodyValidator validator;
    private final BodySpool spool;
    private final ReadWatchdog watchdog;
    private final long limit;
    private final int spoolThreshold;
    private final long idleNanos;
    private final long minBytesPerSecond;

    /**
     * @param validator         checks the JSON
     * @param spool             where bodies over the threshold go
     * @param watchdog          keeps the read deadlines
     * @param limit             the longest acceptable body: the server's frame limit
     * @param spoolThreshold    the longest body kept in memory
     * @param idleTimeout       the longest pause between body bytes
     * @param minBytesPerSecond the slowest average rate accepted once the idle timeout has passed since
     *                          the first read; 0 for none
     */
    RequestBodyReader(JsonBodyValidator validator, BodySpool spool, ReadWatchdog watchdog, long limit,
                      int spoolThreshold, Duration idleTimeout, long minBytesPerSecond) {
        this.validator = validator;
        this.spool = spool;
        this.watchdog = watchdog;
        this.limit = limit;
        this.spoolThreshold = spoolThreshold;
        this.idleNanos = idleTimeout.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
    }

    /**
     * @param contentLength the {@code Content-Length} header, or null when absent (a chunked body)
     * @param in            the body stream
     * @param spoolAllowed  false to refuse bodies over the spool threshold (413)
     * @return the whole body, validated; the caller closes it
     * @throws RestRequestException {@link RestError#TOO_LARGE} over the limit, {@link RestError#BAD_REQUEST}
     *                              for a malformed {@code Content-Length}, {@link RestError#BAD_JSON},
     *                              {@link RestError#SPOOL_FULL} when the spool budget has no room
     * @throws IOException          if reading fails (the client went away), or a read passed its deadline
     *                              ({@link java.io.InterruptedIOException})
     */
    RequestBody read(String contentLength, InputStream in, boolean spoolAllowed) throws RestRequestException, IOException {
        long declared = -1;
        if (contentLength != null) {
            declared = parseContentLength(contentLength);
            if (declared > limit) {
                throw tooLarge(declared + " bytes declared by Content-Length");
            }
            if (declared > spoolThreshold && !spoolAllowed) {
                throw tooLargeForBroadcast(declared + " bytes declared by Content-Length");
            }
        }
        SpoolChannel file = null;
        try (JsonBodyCheck check = validator.begin()) {
            if (declared > spoolThreshold) {
                file = createSpool(declared);
            }
            byte[] memory = file == null ? new byte[declared >= 0 ? (int) declared : Math.min(CHUNK, spoolThreshold)] : null;
            byte[] chunk = new byte[(int) Math.min(CHUNK, declared >= 0 ? Math.max(declared, 1) : CHUNK)];
            long total = 0;
            long start = System.nanoTime();
            while (true) {
                int count = watchdog.read(in, chunk, 0, chunk.length, deadline(start, total), "the request body");
                if (count < 0) {
                    break;
                }
                total += count;
                if (total > limit) {
                    throw tooLarge("a longer body");
                }
                check.feed(chunk, 0, count);
                if (file == null && total > spoolThreshold) {
                    if (!spoolAllowed) {
                        throw tooLargeForBroadcast("a longer body");
                    }
                    file = createSpool(0);
                    write(file, memory, (int) (total - count), total - count);
                    memory = null;
                }
                if (file == null) {
                    if (total > memory.length) {
                        memory = Arrays.copyOf(memory, (int) Math.min(spoolThreshold + 1L, Math.max(total, 2L * memory.length)));
                    }
                    System.arraycopy(chunk, 0, memory, (int) (total - count), count);
                } else {
                    write(file, chunk, count, total);
                }
            }
            check.finish();
            RequestBody body = file == null ? RequestBody.inMemory(memory, (int) total) : RequestBody.spooled(file, total);
            file = null;
            return body;
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }

    /** The deadline of the next read: the idle timeout, or sooner if the body falls below the minimum rate. */
    private long deadline(long start, long received) {
        long deadline = System.nanoTime() + idleNanos;
        if (minBytesPerSecond > 0) {
            // received <= the frame limit, so the product stays far below Long.MAX_VALUE for any sane limit.
            long earned = received >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE / 2
                    : received * 1_000_000_000L / minBytesPerSecond;
            long byRate = start + idleNanos + earned;
            if (byRate - deadline < 0) {
                deadline = byRate;
            }
        }
        return deadline;
    }

    private SpoolChannel createSpool(long reserve) throws IOException, RestRequestException {
        SpoolChannel file = spool.create(reserve);
        if (file == null) {
            throw spoolFull(reserve);
        }
        return file;
    }

    /** Appends {@code bytes[0, count)} to the spool file, which then holds {@code total} bytes. */
    private void write(SpoolChannel file, byte[] bytes, int count, long total) throws IOException, RestRequestException {
        if (!file.reserveUpTo(total)) {
            throw spoolFull(total);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, count);
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
    }

    private static long parseContentLength(String value) throws RestRequestException {
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // Answered below, like a negative length.
        }
        throw new RestRequestException(RestError.BAD_REQUEST, "Content-Length '" + value
                + "' is not a non-negative number of bytes");
    }

    private RestRequestException tooLarge(String what) {
        return new RestRequestException(RestError.TOO_LARGE, "the body may be at most " + limit
                + " bytes (the server's frame limit); got " + what + ". Send smaller messages, or raise "
                + "the server's maxFrameLength");
    }

    private RestRequestException tooLargeForBroadcast(String what) {
        return new RestRequestException(RestError.TOO_LARGE, "a broadcast body may be at most " + spoolThreshold
                + " bytes (the gateway's spoolThreshold: broadcasts are sent from memory); got " + what
                + ". Send large messages to each session with POST /sessions/{id}/messages");
    }

    private RestRequestException spoolFull(long bytes) {
        return new RestRequestException(RestError.SPOOL_FULL, "the gateway's spool for large bodies is full ("
                + spool.budget().used() + " of " + spool.budget().limit() + " bytes in use, " + bytes
                + " more needed); retry when earlier messages have been sent");
    }
}
