package com.example.chat;

import io.pollen.codec.json.JsonMessage;
import io.pollen.session.SendResult;
import io.pollen.session.SessionServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadFactory;

/** README.md's "Sessions as sequential code", as an application would write it. */
public final class SequentialEchoServer {
    private SequentialEchoServer() {
    }

    /**
     * @param port    where to listen (0 for any free port)
     * @param threads where sessions' threads come from; null for a virtual thread each (Java 21+)
     * @return the running server
     * @throws IOException if it cannot listen there
     */
    static SessionServer start(int port, ThreadFactory threads) throws IOException {
        SessionServer server = SessionServer.builder()
                .address(new InetSocketAddress("127.0.0.1", port))
                .sessionThreads(threads)                                    // null: one virtual thread per session (Java 21+)
                .sequential(session -> {                                    // straight-line code, one call per session
                    for (JsonMessage m; (m = session.receive()) != null; ) {   // null once the session closed
                        SendResult sent = session.send(m.payload());         // blocks while the client reads slowly
                        if (!sent.isQueued()) {
                            return;                                         // closed under us: returning ends the session
                        }
                    }
                })
                .build();
        return server;
    }

    public static void main(String[] args) throws Exception {
        try (SessionServer server = start(7000, null)) {
            System.out.println("sequential echo on " + server.localAddress());
            Thread.currentThread().join();
        }
    }
}
