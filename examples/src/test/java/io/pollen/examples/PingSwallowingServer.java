package io.pollen.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server that dies with pings in flight, deterministically: it welcomes every {@code hello} the way
 * the example server does, then reads pings and never answers them. {@link #close()} drops every
 * connection and the listening port, so that the real server can take the port over. Blocking sockets,
 * one thread per connection: a test double, not a reactor.
 */
final class PingSwallowingServer implements AutoCloseable {
    private static final String WELCOME = "{\"type\":\"welcome\",\"session\":\"s\",\"keepalive_ms\":30000}";

    private final ServerSocket listener;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch connectionsToPing;
    private final Thread acceptor;

    /** @param connections how many connections {@link #awaitAPingOnEveryConnection} waits for */
    PingSwallowingServer(int connections) throws IOException {
        connectionsToPing = new CountDownLatch(connections);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = daemon(this::acceptAll);
        acceptor.start();
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "ping-swallower");
        thread.setDaemon(true);
        return thread;
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * Waits until a ping arrived (and was swallowed) on as many connections as the constructor said.
     *
     * @return true if they did within 30 seconds
     */
    boolean awaitAPingOnEveryConnection() throws InterruptedException {
        return connectionsToPing.await(30, TimeUnit.SECONDS);
    }

    private void acceptAll() {
        try {
            while (true) {
                Socket socket = listener.accept();
                connections.add(socket);
                daemon(() -> serve(socket)).start();
            }
        } catch (IOException closed) {
            // the listener was closed: the end
        }
    }

    private void serve(Socket socket) {
        StringBuilder seen = new StringBuilder();
        boolean welcomed = false;
        boolean pinged = false;
        byte[] buffer = new byte[4096];
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (!welcomed && seen.indexOf("\"hello\"") >= 0) {
                    byte[] payload = WELCOME.getBytes(StandardCharsets.UTF_8);
                    out.write((payload.length + ":" + WELCOME + ",").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    welcomed = true;
                }
                if (!pinged && seen.indexOf("\"ping\"") >= 0) {
                    pinged = true;
                    connectionsToPing.countDown();
                }
            }
        } catch (IOException closed) {
            // closed by close(), or by the client
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : connections) {
            socket.close();
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
