package com.example.chat;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.WriteResult;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** README.md's "Embedding the reactor": an echo server on the Reactor API. */
public final class EchoServer {
    static final class Echo implements ConnectionHandler {
        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            // data is the loop's shared read buffer: copy what you keep
            WriteResult result = connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
            if (result != WriteResult.QUEUED) {
                connection.close(); // a peer that does not read its echoes is dropped, not buffered
            }
        }
    }

    static void serve(int port) throws Exception {
        try (Reactor reactor = Reactor.builder().backend("auto").build()) {
            Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", port), Echo::new);
            System.out.println("echo server on " + listener.localAddress() + " using " + reactor.backend());
            Thread.currentThread().join(); // serve until the process is stopped
        }
    }

    public static void main(String[] args) throws Exception {
        serve(7000);
    }
}
