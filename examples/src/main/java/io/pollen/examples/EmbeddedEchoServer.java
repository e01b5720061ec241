package io.pollen.examples;

import io.pollen.session.SessionServer;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The smallest useful embedding: a session server that sends every message back to its sender. The
 * session layer already answers {@code hello}, {@code ping} and keep-alives; try it with
 * {@code printf '19:{"type":"hi","n":1},' | nc 127.0.0.1 7000}.
 *
 * <p>Runs until the JVM is stopped (Ctrl-C), then drains its sessions.
 */
public final class EmbeddedEchoServer {

    private EmbeddedEchoServer() {
    }

    /**
     * @param args ignored
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        SessionServer server = SessionServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 7000))
                .handler((session, message) -> session.send(message.payload()))
                .build();
        System.out.println("echo server on " + server.localAddress() + " with " + server.backend());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
