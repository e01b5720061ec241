package com.example.chat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A blocking NetString client, as a consumer's own test would write one. */
final class NetstringPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    NetstringPeer(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        out.write((payload.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.write(',');
        out.flush();
    }

    /** Reads one frame's payload; fails on anything that is not a well-formed NetString. */
    String receive() throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != ':') {
            if (b < '0' || b > '9') {
                throw new IOException("not a NetString length byte: " + b);
            }
            digits.write(b);
        }
        byte[] payload = new byte[Integer.parseInt(digits.toString(StandardCharsets.US_ASCII))];
        in.readFully(payload);
        if (in.read() != ',') {
            throw new IOException("NetString without its closing comma");
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
