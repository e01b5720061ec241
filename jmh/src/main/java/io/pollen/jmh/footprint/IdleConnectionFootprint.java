package io.pollen.jmh.footprint;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures the heap an idle connection retains on the server: heap after full GC with N idle
 * connections, minus the same with none, divided by N. The clients live in a child process
 * ({@link IdleClientHolder}), so only the server's objects are counted.
 *
 * <p>This is a measurement, not a JMH benchmark: retained heap is a state, not a rate. Run:
 * {@code java -cp jmh/target/benchmarks.jar io.pollen.jmh.footprint.IdleConnectionFootprint [backend] [connections]}
 * and it prints one JSON line.
 */
public final class IdleConnectionFootprint {
    private IdleConnectionFootprint() {
    }

    /** Reads and discards; holds nothing between reads, as a real idle-friendly handler would. */
    private static final class DiscardHandler implements ConnectionHandler {
        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }
    }

    /**
     * @param args optional backend alias (default {@code auto}) and connection count (default 10000)
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "auto";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (Reactor reactor = Reactor.builder().backend(backend).threads(2).build()) {
            Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", 0), DiscardHandler::new);
            long before = settledHeap();

            Process clients = startClients(listener.localAddress(), connections);
            BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("client process failed: " + line);
            }
            while (reactor.metrics().openConnections() < connections) {
                Thread.sleep(10);
            }
            long after = settledHeap();
            clients.getOutputStream().close();
            clients.waitFor();

            System.out.printf(Locale.ROOT,
                    "{\"backend\":\"%s\",\"connections\":%d,\"heap_before\":%d,\"heap_after\":%d,\"bytes_per_connection\":%.0f}%n",
                    reactor.backend(), connections, before, after, (after - before) / (double) connections);
        }
    }

    private static Process startClients(InetSocketAddress server, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), IdleClientHolder.class.getName(),
                server.getHostString(), Integer.toString(server.getPort()), Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Heap in use after repeated full collections, once it stops shrinking. */
    private static long settledHeap() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= previous) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
