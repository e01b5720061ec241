package io.pollen.reactor.tck;

import io.pollen.reactor.Backends;
import io.pollen.reactor.Clock;
import io.pollen.reactor.Listener;
import io.pollen.reactor.OverloadReason;
import io.pollen.reactor.Reactor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by {@link AcceptOverloadConformance} in a child JVM under a small open-file limit
 * ({@value #OPEN_FILE_LIMIT}, set by {@code prlimit}): a one-loop reactor on the backend named by
 * the first argument, clients waiting in its backlog, and every descriptor of the process taken, so
 * each {@code accept} fails with EMFILE. Reports what it saw with {@link ChildJvm#report}; the
 * parent asserts on it. Exits 0 once the scenario ran to the end, 1 on any failure (with its trace).
 *
 * <p><b>Counting loop iterations.</b> The reactor's clock is a counting one: the engine reads its
 * clock at least once per loop iteration (to expire timers), so the reads between two accept
 * attempts bound the iterations between them. A loop that spins while accepting is paused
 * iterates thousands of times per back-off; a paused one, a handful.
 */
final class DescriptorExhaustion {
    /** Small enough to exhaust in an instant, large enough for a JVM and the scenario. */
    static final int OPEN_FILE_LIMIT = 256;
    /** The shortest pause of accepting after EMFILE; consecutive attempts are at least this far apart. */
    static final Duration BACKOFF_MIN = Duration.ofMillis(20);
    static final Duration BACKOFF_MAX = Duration.ofMillis(40);
    /** Failed accept attempts to observe while exhausted. */
    static final int ATTEMPTS = 10;
    /** Connections waiting in the backlog while nothing can be accepted. */
    static final int CLIENTS = 4;

    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLong clockReads = new AtomicLong();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<String> otherOverloads = new CopyOnWriteArrayList<>();

    /** One failed accept, seen by the overload listener on the loop thread. */
    private record Attempt(long nanoTime, long clockReads, String detail) {
    }

    private DescriptorExhaustion() {
    }

    /** @param args the backend's alias */
    public static void main(String[] args) {
        try {
            new DescriptorExhaustion().run(args[0]);
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private void run(String alias) throws IOException {
        ChildJvm.report("openFileLimit", Backends.openFileLimit());
        // What runs while no descriptor is left must not need one: JDK logging reads its
        // configuration file on first use, so use it now.
        System.getLogger(DescriptorExhaustion.class.getName()).log(System.Logger.Level.INFO,
                "exhausting the descriptors of a " + alias + " reactor");
        ChildJvm.report("pollenClassesLoaded", PollenClasses.loadAll());
        Clock counting = () -> {
            clockReads.incrementAndGet();
            return System.nanoTime();
        };
        try (Reactor reactor = Reactor.builder().backend(alias).threads(1).threadNamePrefix("exhaustion")
                .acceptBackoff(BACKOFF_MIN, BACKOFF_MAX).clock(counting)
                .overloadListener(this::onOverload).build()) {
            Listener listener = reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), EchoHandler::new);
            echoOnce(listener);
            Await.until("the warm-up connection to close", () -> reactor.metrics().openConnections() == 0);
            long acceptedBefore = reactor.metrics().acceptedConnections();

            List<SocketChannel> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(SocketChannel.open()); // their descriptors, taken while there are some
            }
            List<FileChannel> hogs = exhaustDescriptors();
            ChildJvm.report("descriptorsTaken", hogs.size());
            try {
                for (SocketChannel client : clients) {
                    // The kernel completes the handshake from the backlog; only accept() needs a descriptor.
                    client.connect(listener.localAddress());
                }
                Await.until(ATTEMPTS + " failed accept attempts", () -> attempts.size() >= ATTEMPTS);
                ChildJvm.report("acceptedWhileExhausted", reactor.metrics().acceptedConnections() - acceptedBefore);
            } finally {
                for (FileChannel hog : hogs) {
                    hog.close();
                }
            }
            Await.until("accepting to resume", () -> reactor.metrics().acceptedConnections() - acceptedBefore == CLIENTS);
            ChildJvm.report("acceptedAfterRelease", reactor.metrics().acceptedConnections() - acceptedBefore);
            ChildJvm.report("echoedAfterRelease", echoEach(clients));
            for (SocketChannel client : clients) {
                client.close();
            }
        }
        reportAttempts();
    }

    private void onOverload(OverloadReason reason, String detail) {
        if (reason == OverloadReason.DESCRIPTORS_EXHAUSTED) {
            attempts.add(new Attempt(System.nanoTime(), clockReads.get(), detail));
        } else {
            otherOverloads.add(reason + ": " + detail);
        }
    }

    private void reportAttempts() {
        List<Attempt> seen = attempts.subList(0, ATTEMPTS);
        long shortestGap = Long.MAX_VALUE;
        for (int i = 1; i < seen.size(); i++) {
            shortestGap = Math.min(shortestGap, seen.get(i).nanoTime() - seen.get(i - 1).nanoTime());
        }
        ChildJvm.report("attemptGaps", seen.size() - 1);
        ChildJvm.report("shortestGapNanos", shortestGap);
        ChildJvm.report("loopClockReadsAcrossGaps", seen.get(seen.size() - 1).clockReads() - seen.get(0).clockReads());
        ChildJvm.report("firstDetail", seen.get(0).detail());
        ChildJvm.report("otherOverloads", otherOverloads);
    }

    private static void echoOnce(Listener listener) {
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            client.send(PING);
            client.readExactly(PING.length);
        }
    }

    /** @return how many of the clients got their bytes echoed */
    private static int echoEach(List<SocketChannel> clients) throws IOException {
        int echoed = 0;
        for (SocketChannel client : clients) {
            client.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
            client.write(ByteBuffer.wrap(PING));
            if (Arrays.equals(client.socket().getInputStream().readNBytes(PING.length), PING)) {
                echoed++;
            }
        }
        return echoed;
    }

    private static List<FileChannel> exhaustDescriptors() throws IOException {
        List<FileChannel> hogs = new ArrayList<>();
        Path devNull = Path.of("/dev/null");
        while (true) {
            try {
                hogs.add(FileChannel.open(devNull, StandardOpenOption.READ));
            } catch (IOException e) {
                // Any failure after some opened is the limit: the message follows the locale.
                if (hogs.isEmpty()) {
                    for (FileChannel hog : hogs) {
                        hog.close();
                    }
                    throw e;
                }
                return hogs;
            }
        }
    }
}
