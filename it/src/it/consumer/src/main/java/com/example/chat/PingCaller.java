package com.example.chat;

import io.pollen.codec.json.JsonMessage;
import io.pollen.session.RequestFailedException;
import io.pollen.session.SessionClient;

import java.net.InetSocketAddress;

/** README.md's retry-able client call, as an application would write it. */
public final class PingCaller {
    private PingCaller() {
    }

    /**
     * @param port a session server's port on 127.0.0.1
     * @return the server's answer to one ping, sent again on a fresh connection if the first breaks
     * @throws RequestFailedException if no attempt got an answer (it says how many were made)
     * @throws InterruptedException   if the calling thread was interrupted
     */
    static JsonMessage pingOnce(int port) throws RequestFailedException, InterruptedException {
        try (SessionClient client = SessionClient.builder()
                .remote(new InetSocketAddress("127.0.0.1", port))
                .id("c-42")
                .requestRetries(2)                                          // sent again on the next connection, twice at most
                .build()) {
            return client.call("{\"type\":\"ping\"}");                      // correlated by the seq the client adds
        }
    }
}
