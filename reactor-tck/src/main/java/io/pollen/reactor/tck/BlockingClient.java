package io.pollen.reactor.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain blocking socket as the peer of the reactor under test, so a bug in the reactor cannot
 * hide behind the same bug on the client side. Every read has a timeout so a test never hangs.
 * Not thread-safe.
 */
public final class BlockingClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final InputStream in;

    private BlockingClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /**
     * @param address where to connect
     * @return the connected client
     */
    public static BlockingClient connect(InetSocketAddress address) {
        try {
            Socket socket = new Socket();
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            socket.connect(address, READ_TIMEOUT_MILLIS);
            return new BlockingClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        }
    }

    /** @return the underlying socket */
    public Socket socket() {
        return socket;
    }

    /**
     * @param bytes bytes to send
     * @return this
     */
    public BlockingClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text UTF-8 text to send
     * @return this
     */
    public BlockingClient send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param n how many bytes
     * @return exactly {@code n} bytes
     * @throws AssertionError if the stream ends first
     */
    public byte[] readExactly(int n) {
        try {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length != n) {
                throw new AssertionError("stream ended after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param n how many bytes
     * @return exactly {@code n} bytes as UTF-8 text
     */
    public String readString(int n) {
        return new String(readExactly(n), StandardCharsets.UTF_8);
    }

    /** @return every byte until the peer closes */
    public byte[] readToEnd() {
        try {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true if the peer has closed (a read returns end of stream) */
    public boolean peerClosed() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Half-closes: the peer sees end of stream, and this client can still read. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes with a TCP reset (SO_LINGER 0) instead of an orderly FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
