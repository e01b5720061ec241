package com.example.chat;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md's reactor echo server answers as printed. */
class EchoServerTest {

    @Test
    void echoesWhatItReads() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Thread server = new Thread(() -> {
            try {
                EchoServer.serve(port);
            } catch (InterruptedException stopped) {
                // the test is done with it
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "readme-echo-server");
        server.start();
        try (Socket client = connectWithin(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(10))) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write("hello pollen".getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("hello pollen");
        } finally {
            server.interrupt(); // ends the join(): the try-with-resources closes the reactor
            server.join(10_000);
        }
        assertThat(server.isAlive()).isFalse();
    }

    private static Socket connectWithin(InetSocketAddress address, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                return new Socket(address.getAddress(), address.getPort());
            } catch (java.net.ConnectException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.onSpinWait();
            }
        }
    }
}
