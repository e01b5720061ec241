package io.pollen.jmh.footprint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@link IdleConnectionFootprint}, in its own process so that its sockets do not
 * count towards the server's heap: opens N connections, prints {@code ready}, holds them until its
 * standard input closes.
 *
 * <p>Usage: {@code IdleClientHolder HOST PORT N}
 */
public final class IdleClientHolder {
    private IdleClientHolder() {
    }

    /**
     * @param args host, port, number of connections
     * @throws IOException if a connection fails
     */
    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        List<SocketChannel> clients = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                clients.add(SocketChannel.open(server));
            }
            System.out.println("ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the connections until the parent closes our stdin
            }
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
        }
    }
}
