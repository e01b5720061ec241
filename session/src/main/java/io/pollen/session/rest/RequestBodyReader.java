package io.pollen.session.rest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory without ever holding more than the limit plus one byte.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before a single body byte is read.
 * A body of unknown length (chunked) is read only until it proves too long. Either way the client gets
 * 413; the JDK server then discards a bounded amount of what remains (its
 * {@code sun.net.httpserver.drainAmount}, 64 KiB by default) and closes the connection.
 *
 * <p>Stateless; safe from any thread.
 */
final class RequestBodyReader {
    /** The longest body that fits in one array, whatever the server's frame limit says. */
    static final int MAX_BODY_LENGTH = Integer.MAX_VALUE - 16;

    private RequestBodyReader() {
    }

    /**
     * @param contentLength the {@code Content-Length} header, or null when absent (a chunked body)
     * @param body          the body stream; read at most {@code limit + 1} bytes
     * @param limit         the longest acceptable body, at most {@link #MAX_BODY_LENGTH}
     * @return the whole body
     * @throws RestRequestException {@link RestError#TOO_LARGE} over the limit, {@link RestError#BAD_REQUEST}
     *                              for a malformed or unmet {@code Content-Length}
     * @throws IOException          if reading fails (the client went away)
     */
    static byte[] read(String contentLength, InputStream body, int limit) throws RestRequestException, IOException {
        if (contentLength != null) {
            long declared = parseContentLength(contentLength);
            if (declared > limit) {
                throw tooLarge(limit, declared + " bytes declared by Content-Length");
            }
        }
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(limit, "a longer body");
        }
        return bytes;
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

    private static RestRequestException tooLarge(int limit, String what) {
        return new RestRequestException(RestError.TOO_LARGE, "the body may be at most " + limit
                + " bytes (the server's frame limit); got " + what + ". Send smaller messages, or raise "
                + "the server's maxFrameLength");
    }
}
