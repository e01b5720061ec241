package io.pollen.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client speaking NetString frames, written independently of the codec under test
 * so that a codec bug cannot hide behind itself. Reads time out after 30 s. Not thread-safe.
 */
public final class NetstringClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    private NetstringClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * @param address the server
     * @return a connected client
     */
    public static NetstringClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            socket.connect(address, 30_000);
            return new NetstringClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /**
     * Sends one frame with a UTF-8 payload.
     *
     * @param payload the payload
     * @return this
     */
    public NetstringClient send(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return sendRaw(bytes.length + ":" + payload + ",");
    }

    /**
     * Sends bytes as they are, framing or not.
     *
     * @param raw the bytes, as text
     * @return this
     */
    public NetstringClient sendRaw(String raw) {
        try {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims an id and returns the welcome's payload. */
    public String hello(String id) {
        send("{\"type\":\"hello\",\"id\":\"" + id + "\"}");
        return readFrame();
    }

    /**
     * @return the next frame's payload as UTF-8 text
     * @throws AssertionError if the stream ends or is not a NetString
     */
    public String readFrame() {
        try {
            long length = 0;
            int digits = 0;
            int b;
            while ((b = in.read()) != ':') {
                if (b < 0) {
                    throw new AssertionError("the server closed the connection before a frame");
                }
                if (b < '0' || b > '9' || ++digits > 19) {
                    throw new AssertionError("not a NetString length byte: " + b);
                }
                length = length * 10 + (b - '0');
            }
            byte[] payload = in.readNBytes(Math.toIntExact(length));
            if (payload.length != length || in.read() != ',') {
                throw new AssertionError("truncated frame of declared length " + length);
            }
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true once the server has closed the connection (reads past any frames left) */
    public boolean closedByServer() {
        try {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            in.transferTo(rest);
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
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
}
