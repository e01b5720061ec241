package com.example.chat;

import io.pollen.session.SessionServer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The sequential echo server and the retry-able client call of README.md, over real sockets. */
class SequentialEchoServerTest {

    /** Virtual threads where the JVM has them (Java 21+), platform threads on Java 17. */
    private static ThreadFactory sessionThreads() {
        return Runtime.version().feature() >= 21 ? null : runnable -> new Thread(runnable, "session");
    }

    @Test
    void echoesWhatIsNotHelloOrPing() throws Exception {
        try (SessionServer server = SequentialEchoServer.start(0, sessionThreads());
             NetstringPeer client = new NetstringPeer(server.localAddress())) {
            client.send("{\"type\":\"hello\",\"id\":\"q-1\"}");
            assertThat(client.receive()).startsWith("{\"type\":\"welcome\",\"session\":\"q-1\"");

            client.send("{\"type\":\"chat\",\"text\":\"one\"}");
            client.send("{\"type\":\"chat\",\"text\":\"two\"}");

            assertThat(client.receive()).isEqualTo("{\"type\":\"chat\",\"text\":\"one\"}");
            assertThat(client.receive()).isEqualTo("{\"type\":\"chat\",\"text\":\"two\"}");
        }
    }

    @Test
    void theClientsCallGetsTheServersAnswer() throws Exception {
        try (SessionServer server = SequentialEchoServer.start(0, sessionThreads())) {
            assertThat(PingCaller.pingOnce(server.localAddress().getPort()).type()).isEqualTo("pong");
        }
    }
}
