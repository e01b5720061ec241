package io.pollen.examples;

import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonMessageParser;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client that speaks raw NetStrings over a real socket, so that tests can also send
 * what a well-behaved client never would. The read timeout only keeps a broken server from hanging
 * the build; no test asserts on time. One thread only.
 */
final class WireClient implements AutoCloseable {
    /** Long enough for a loaded two-core machine; a guard against hangs, not a measurement. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;
    private static final JsonMessageParser PARSER = new JsonMessageParser();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * @param server where to connect
     * @throws IOException if connecting fails
     */
    WireClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /**
     * Sends one frame whose payload is the UTF-8 text given.
     *
     * @param payload the payload
     * @throws IOException if writing fails
     */
    void send(String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        sendRaw((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        sendRaw(",".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Sends bytes as they are, framing or not.
     *
     * @param bytes the bytes
     * @throws IOException if writing fails
     */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * @return the next frame's payload as text
     * @throws IOException if the server closed the connection instead, or reading failed
     */
    String read() throws IOException {
        long length = 0;
        int digit;
        while ((digit = in.read()) != ':') {
            if (digit < 0) {
                throw new EOFException("the server closed the connection instead of sending a frame");
            }
            length = length * 10 + (digit - '0');
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length || in.read() != ',') {
            throw new EOFException("the server's frame ended early or without its comma");
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * @return the next frame, parsed
     * @throws IOException if no frame came, or it was not a JSON message
     */
    JsonMessage readMessage() throws IOException {
        String payload = read();
        try {
            return PARSER.parse(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (BadJsonException e) {
            throw new IOException("the server sent a frame that is not JSON: " + payload, e);
        }
    }

    /**
     * @return true once the server has closed the connection (end of stream or reset), false if a byte came
     * @throws IOException if reading failed otherwise, e.g. timed out
     */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
