package io.pollen.micrometer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A blocking NetString client of a session server, written without the codec: one per test socket. */
final class WireClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    static WireClient connect(InetSocketAddress server) {
        try {
            Socket socket = new Socket();
            socket.setSoTimeout(30_000);
            socket.connect(server, 30_000);
            return new WireClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + server, e);
        }
    }

    /** Claims an id and returns the welcome. */
    String hello(String id) {
        send("{\"type\":\"hello\",\"id\":\"" + id + "\"}");
        return readFrame();
    }

    WireClient send(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return sendRaw(bytes.length + ":" + payload + ",");
    }

    WireClient sendRaw(String raw) {
        try {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next frame's payload */
    String readFrame() {
        try {
            int length = 0;
            for (int b = in.read(); b != ':'; b = in.read()) {
                if (b < '0' || b > '9') {
                    throw new AssertionError("not a NetString length byte: " + b);
                }
                length = length * 10 + (b - '0');
            }
            byte[] payload = in.readNBytes(length);
            if (payload.length != length || in.read() != ',') {
                throw new AssertionError("truncated frame of declared length " + length);
            }
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true once the server has closed the connection */
    boolean closedByServer() {
        try {
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
