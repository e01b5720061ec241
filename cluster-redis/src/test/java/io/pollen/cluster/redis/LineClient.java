package io.pollen.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking NetString client for the cluster tests, written apart from the codec under test. Reads
 * time out after 15 s. Not thread-safe.
 */
final class LineClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    static LineClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.setSoTimeout(15_000);
            socket.connect(address, 15_000);
            return new LineClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    void send(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        try {
            socket.getOutputStream().write((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().write(',');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims an id; returns the welcome. */
    String hello(String id) {
        send("{\"type\":\"hello\",\"id\":\"" + id + "\"}");
        return readFrame();
    }

    String readFrame() {
        try {
            int length = 0;
            int b;
            while ((b = in.read()) != ':') {
                if (b < '0' || b > '9') {
                    throw new AssertionError(b < 0 ? "the server closed the connection before a frame" : "not a length byte: " + b);
                }
                length = length * 10 + (b - '0');
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length || in.read() != ',') {
                throw new AssertionError("truncated frame of length " + length);
            }
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true once the server has closed the connection (frames before the end are skipped) */
    boolean closedByServer() {
        try {
            in.transferTo(OutputSink.INSTANCE);
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
