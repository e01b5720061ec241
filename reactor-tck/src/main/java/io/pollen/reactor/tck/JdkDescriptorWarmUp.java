package io.pollen.reactor.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;

/**
 * Makes the JDK open, once, the descriptors it keeps for the life of the process (random-number
 * devices, probe sockets of the networking code), so that the first leak check of a run does not
 * blame a test for them.
 */
final class JdkDescriptorWarmUp {
    private static boolean done;

    private JdkDescriptorWarmUp() {
    }

    @SuppressWarnings("try") // the peer only has to exist (and be closed afterwards), not to act
    static synchronized void ensureDone() {
        if (done) {
            return;
        }
        done = true;
        new SecureRandom().nextBytes(new byte[16]);
        try (Selector selector = Selector.open();
             ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept();
             Socket plain = new Socket()) {
            plain.connect(server.getLocalAddress());
            server.accept().close();
            client.configureBlocking(false);
            client.register(selector, 0);
            selector.selectNow();
        } catch (IOException e) {
            throw new UncheckedIOException("the loopback warm-up failed; the conformance suite needs 127.0.0.1", e);
        }
    }
}
