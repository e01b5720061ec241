package io.pollen.reactor.example;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The README's embedding example: an echo server on the Reactor API. */
public final class EchoServer {
    static final class Echo implements ConnectionHandler {
        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            // data is the loop's shared read buffer: copy what you keep
            connection.write(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }
    }

    public static void main(String[] args) throws Exception {
        try (Reactor reactor = Reactor.builder().backend("auto").build()) {
            Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", 7000), Echo::new);
            System.out.println("echo server on " + listener.localAddress() + " using " + reactor.backend());
            Thread.currentThread().join(); // serve until the process is stopped
        }
    }
}
