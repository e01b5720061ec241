package com.example.chat;

import io.pollen.session.SendResult;
import io.pollen.session.SessionServer;
import io.pollen.session.rest.RestGateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** README.md's "Embedding the session server with its REST gateway", as an application would. */
public final class ChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());

    final SessionServer server;
    final RestGateway rest;

    ChatServer(int port, int restPort) throws IOException {
        SessionServer server = SessionServer.builder()
                .address(new InetSocketAddress("127.0.0.1", port))
                .keepAlive(k -> k.interval(Duration.ofSeconds(30)).misses(3))   // SUSPECT after 30 s, DEAD after 90 s
                .reactor(r -> r.maxConnections(50_000))                         // any ReactorBuilder setting
                .handler((session, message) -> {                                // echo what is not hello/ping
                    SendResult sent = session.send(message.payload());
                    if (!sent.isQueued()) {
                        LOG.log(System.Logger.Level.WARNING, "echo to " + session.id() + " not sent: " + sent);
                    }
                })
                .build();
        RestGateway rest = RestGateway.start(server, new InetSocketAddress("127.0.0.1", restPort));
        this.server = server;
        this.rest = rest;
    }

    /** Sends one JSON message to a client by id; safe from any thread. */
    SendResult tell(String clientId, String json) {
        return server.registry().send(clientId, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends one JSON message to every client; safe from any thread. */
    int announce(String json) {
        return server.registry().broadcast(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        rest.close();
        server.close();
    }

    public static void main(String[] args) throws Exception {
        try (ChatServer chat = new ChatServer(7000, 8080)) {
            System.out.println("chat on " + chat.server.localAddress() + ", REST on " + chat.rest.localAddress());
            Thread.currentThread().join();
        }
    }
}
