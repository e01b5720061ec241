package io.pollen.reactor.tck;

import io.pollen.reactor.spi.Poller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of every area of the {@link PollerTestKit}: opens one poller of the backend under test
 * per test (through its discovered {@link io.pollen.reactor.spi.PollerProvider}), closes it and every
 * tracked channel afterwards, and offers loopback pairs and polling helpers. Each area class is
 * checked for descriptor leaks.
 *
 * <p>The test thread owns the poller, as an event loop would.
 */
@ExtendWith(DescriptorLeakCheck.class)
public abstract class PollerConformanceTest {
    /** How long {@link #pollUntil} waits in all; a hang guard, not a performance bound. */
    private static final long HANG_GUARD_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** The backend every test of this instance runs on. */
    protected final BackendUnderTest backend;
    /** The poller under test, opened before each test and closed after it. */
    protected Poller poller;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * @param backend the backend under test
     */
    protected PollerConformanceTest(BackendUnderTest backend) {
        this.backend = backend;
    }

    @BeforeEach
    void openPoller() throws IOException {
        poller = backend.openPoller();
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (poller != null) {
            poller.close();
        }
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        resources.clear();
    }

    /**
     * Both ends of a loopback connection.
     *
     * @param server the accepted end, the one tests register
     * @param client the connecting end, the peer that writes and closes
     */
    protected record Pair(SocketChannel server, SocketChannel client) {
    }

    /**
     * @return a connected, non-blocking loopback pair, closed after the test
     * @throws IOException if the sockets cannot be opened
     */
    protected Pair pair() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = track(SocketChannel.open(listener.getLocalAddress()));
            SocketChannel server = track(listener.accept());
            client.configureBlocking(false);
            server.configureBlocking(false);
            return new Pair(server, client);
        }
    }

    /**
     * @param resource something to close after the test (after the poller)
     * @param <T>      its type
     * @return {@code resource}
     */
    protected <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * @return what one non-blocking poll reports, token to ready ops
     * @throws IOException if the poll fails
     */
    protected Map<Integer, Integer> pollNow() throws IOException {
        return pollFor(0);
    }

    /**
     * One poll, checking that it reports each token at most once and returns how many it reported.
     *
     * @param timeoutNanos the poll's timeout
     * @return what it reported, token to ready ops
     * @throws IOException if the poll fails
     */
    protected Map<Integer, Integer> pollFor(long timeoutNanos) throws IOException {
        Map<Integer, Integer> ready = new LinkedHashMap<>();
        int count = poller.poll(timeoutNanos, (token, ops) -> assertThat(ready.put(token, ops))
                .as("token %d reported twice in one poll", token).isNull());
        assertThat(count).as("the count poll returns").isEqualTo(ready.size());
        return ready;
    }

    /**
     * @return the first poll that reports anything
     * @throws IOException if a poll fails
     */
    protected Map<Integer, Integer> pollUntilReady() throws IOException {
        return pollUntil(1);
    }

    /**
     * @param registrations how many must be ready
     * @return the first poll that reports at least that many
     * @throws IOException if a poll fails
     */
    protected Map<Integer, Integer> pollUntil(int registrations) throws IOException {
        return pollUntil(registrations, (token, ops) -> true);
    }

    /**
     * Polls until one poll reports at least {@code registrations} matching ones.
     *
     * @param registrations how many must match
     * @param match         which reports count
     * @return that poll's reports
     * @throws IOException    if a poll fails
     * @throws AssertionError if they never become ready
     */
    protected Map<Integer, Integer> pollUntil(int registrations, BiPredicate<Integer, Integer> match)
            throws IOException {
        Map<Integer, Integer> last = Map.of();
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        for (long left = HANG_GUARD_NANOS; left > 0; left = deadline - System.nanoTime()) {
            last = pollFor(left);
            if (last.entrySet().stream().filter(e -> match.test(e.getKey(), e.getValue())).count() >= registrations) {
                return last;
            }
        }
        throw new AssertionError("fewer than " + registrations + " registrations became ready; the last poll reported " + last);
    }
}
