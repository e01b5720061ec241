package io.pollen.session.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A session client built on a plain blocking {@link Socket} and a hand-written NetString reader, so
 * the REST tests see exactly the bytes a real client would, independently of the codec. Reads give up
 * after 30 s so that a bug fails a test instead of hanging it. Not thread-safe.
 */
final class NetStringTestClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private NetStringTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and claims {@code id} with a hello, then reads the welcome.
     *
     * @param server        the session server
     * @param id            the id to claim
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system default; a small one
     *                      makes a client that stops reading fill the server's queue sooner
     * @return the client, identified
     * @throws IOException if the connection or the handshake fails
     */
    static NetStringTestClient hello(InetSocketAddress server, String id, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.setSoTimeout(30_000);
        socket.connect(server, 30_000);
        NetStringTestClient client = new NetStringTestClient(socket);
        client.send("{\"type\":\"hello\",\"id\":\"" + id + "\"}");
        String welcome = new String(client.readFrame(), StandardCharsets.UTF_8);
        if (!welcome.contains("\"welcome\"")) {
            client.close();
            throw new IOException("expected a welcome, got " + welcome);
        }
        return client;
    }

    static NetStringTestClient hello(InetSocketAddress server, String id) throws IOException {
        return hello(server, id, 0);
    }

    void send(String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        out.write((payload.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.write(',');
        out.flush();
    }

    /**
     * @return the next frame's payload
     * @throws IOException if the stream ends or breaks the NetString format
     */
    byte[] readFrame() throws IOException {
        long length = 0;
        int b;
        while ((b = in.read()) != ':') {
            if (b < '0' || b > '9') {
                throw new IOException("not a NetString length byte: " + b);
            }
            length = length * 10 + (b - '0');
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length || in.read() != ',') {
            throw new IOException("the frame of " + length + " bytes is truncated or lacks its comma");
        }
        return payload;
    }

    /**
     * Reads the next frame without holding it: its payload goes through a SHA-256 digest as it arrives.
     *
     * @return the payload's digest and length
     * @throws IOException if the stream ends or breaks the NetString format
     */
    FrameDigest readFrameDigest() throws IOException {
        long length = 0;
        int b;
        while ((b = in.read()) != ':') {
            if (b < '0' || b > '9') {
                throw new IOException("not a NetString length byte: " + b);
            }
            length = length * 10 + (b - '0');
        }
        java.security.MessageDigest digest = FrameDigest.newSha256();
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int count = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (count < 0) {
                throw new IOException("the frame of " + length + " bytes is truncated: " + remaining + " missing");
            }
            digest.update(buffer, 0, count);
            remaining -= count;
        }
        if (in.read() != ',') {
            throw new IOException("the frame of " + length + " bytes lacks its comma");
        }
        return new FrameDigest(digest.digest(), length);
    }

    /** The SHA-256 of a payload and its length, to compare large payloads without holding them. */
    record FrameDigest(byte[] sha256, long length) {
        static java.security.MessageDigest newSha256() {
            try {
                return java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError("every JDK has SHA-256", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FrameDigest that && that.length == length && java.util.Arrays.equals(that.sha256, sha256);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return length + " bytes, sha256 " + java.util.HexFormat.of().formatHex(sha256);
        }
    }

    /**
     * Reads, discarding frames still in flight, until the server closes the connection.
     *
     * @throws java.net.SocketTimeoutException if it stays open for 30 s
     */
    void awaitServerClose() throws IOException {
        byte[] discarded = new byte[4096];
        try {
            while (in.read(discarded) >= 0) {
                // Frames sent before the close are not what this waits for.
            }
        } catch (SocketException reset) {
            // A reset is a close too.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
