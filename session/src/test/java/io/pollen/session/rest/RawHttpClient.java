package io.pollen.session.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for tests that must hold no descriptor
 * after they return (the JDK's {@code HttpClient} keeps a selector until it is collected) and that send
 * bodies exactly as written: with a {@code Content-Length}, chunked, or cut short. The body is written on
 * its own thread, so an answer that comes before the body is read in full is still seen.
 */
final class RawHttpClient {
    private RawHttpClient() {
    }

    /** A complete answer. */
    record Answer(int status, String head, String body) {
        /** @return the value of the named header, or null */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * @param server where to send it
     * @param method the method
     * @param path   the path
     * @param body   the body, or null for none
     * @param length the body's length for a {@code Content-Length}, or -1 to send it chunked
     * @param headers extra header lines, each ending in CRLF
     * @return the answer
     */
    static Answer exchange(InetSocketAddress server, String method, String path, InputStream body, long length,
                           String headers) throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(60_000);
            socket.connect(server, 30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n")
                    .append("Content-Type: application/json\r\n").append(headers);
            if (body != null) {
                head.append(length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = null;
            if (body != null) {
                writer = new Thread(() -> writeBody(out, body, length < 0), "raw-http-body");
                writer.setDaemon(true);
                writer.start();
            }
            Answer answer = readAnswer(socket.getInputStream());
            if (writer != null) {
                // Closing the socket (below) stops a writer whose body the server never read.
                writer.join(answer.status() / 100 == 2 ? 60_000 : 0);
            }
            return answer;
        }
    }

    /** A POST of a JSON text. */
    static Answer post(InetSocketAddress server, String path, String json) throws IOException, InterruptedException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return exchange(server, "POST", path, new java.io.ByteArrayInputStream(bytes), bytes.length, "");
    }

    /** A GET. */
    static Answer get(InetSocketAddress server, String path, String headers) throws IOException, InterruptedException {
        return exchange(server, "GET", path, null, 0, headers);
    }

    private static void writeBody(OutputStream out, InputStream body, boolean chunked) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int count;
            while ((count = body.read(buffer)) >= 0) {
                if (chunked) {
                    out.write((Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(buffer, 0, count);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException expected) {
            // The server answered without reading it all and closed the connection.
        }
    }

    /** Reads the status line, the headers and the Content-Length body. */
    static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the answer's headers: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        int status = Integer.parseInt(headers.substring(9, 12));
        return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
