package io.pollen.reactor.nativetest;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.internal.NativeLibraryLoader;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The {@link io.pollen.reactor.spi.Poller} contract at the level of one poller and real loopback
 * sockets, written once for the native backends. Each backend module adds this directory to its test
 * sources (build-helper-maven-plugin, configured in the parent pom) and binds it in a few lines.
 *
 * <p>Complements the reactor test kit: that suite drives a whole reactor; this one pins down the SPI
 * semantics the engine relies on (level-triggering, sticky wake-ups, errors as interested bits).
 */
public abstract class PollerContractTest {
    /** A hang guard only: a broken wake-up would otherwise block the build forever. */
    private static final long HANG_GUARD_SECONDS = 30;
    private static final long WAIT = TimeUnit.SECONDS.toNanos(10);
    /** What the natives report for a channel class with no descriptor field they know. */
    private static final int LINUX_ENOTSUP = 95;

    protected Poller poller;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** @return the provider under test, as found by its module's service file */
    protected abstract Class<? extends PollerProvider> providerType();

    /** @return the alias the provider must report */
    protected abstract String alias();

    /** @return a new poller of the backend under test */
    protected abstract Poller newPoller() throws IOException;

    @BeforeEach
    protected void openPoller() throws IOException {
        poller = newPoller();
    }

    @AfterEach
    protected void closeEverything() throws Exception {
        if (poller != null) {
            poller.close();
        }
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void providerIsDiscoveredAndAvailable() {
        PollerProvider provider = ServiceLoader.load(PollerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> providerType().isInstance(p))
                .findFirst()
                .orElseThrow(() -> new AssertionError(providerType().getName() + " is not in META-INF/services"));
        assertThat(provider.alias()).isEqualTo(alias());
        assertThat(provider.unavailabilityCause()).as("the backend must load on Linux").isEmpty();
        assertThat(provider.capabilities().nativeCode()).isTrue();
    }

    @Test
    void theKillSwitchPropertyTurnsTheBackendOffWithAReason() throws Exception {
        String property = "pollen." + alias() + ".disabled";
        assertThat(availabilityInChildJvm("-D" + property + "=true"))
                .contains(alias() + " is disabled by -D" + property + "=true");
    }

    @Test
    void withoutALibraryForThisArchitectureTheBackendIsOffWithAReason() throws Exception {
        // What a user on a platform the build did not cover sees: a reason, not a crash.
        assertThat(availabilityInChildJvm("-Dos.arch=pollen_test_arch"))
                .contains("could not load native library pollen_" + alias() + "_linux_pollen_test_arch")
                .contains("choose the nio backend");
    }

    /** Runs {@link PrintAvailability} for the provider under test in a JVM with one extra option. */
    private String availabilityInChildJvm(String option) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", option,
                PrintAvailability.class.getName(), providerType().getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void theLoaderReportsEveryFailedAttempt() {
        String name = "pollen_no_such_backend";
        UnsatisfiedLinkError error = catchThrowableOfType(UnsatisfiedLinkError.class,
                () -> NativeLibraryLoader.load(name, providerType()));
        assertThat(error).hasMessageContaining("java.library.path")
                .hasMessageContaining("META-INF/native/" + System.mapLibraryName(NativeLibraryLoader.platformName(name)))
                .hasMessageContaining("choose the nio backend");
        assertThat(error.getSuppressed()).hasSize(2);
    }

    @Test
    void reportsReadAfterThePeerWritesAndStopsOnceDrained() throws IOException {
        Pair pair = pair();
        poller.register(pair.server, 7, Interest.READ);
        assertThat(pollNow()).isEmpty();

        pair.client.write(ByteBuffer.wrap(new byte[] {42}));
        assertThat(pollUntilReady()).containsExactly(Map.entry(7, Interest.READ));
        assertThat(pollNow()).as("level-triggered: still ready until read").containsExactly(Map.entry(7, Interest.READ));

        ByteBuffer in = ByteBuffer.allocate(8);
        assertThat(pair.server.read(in)).isEqualTo(1);
        assertThat(pollNow()).isEmpty();
    }

    @Test
    void reportsWriteForAnIdleConnection() throws IOException {
        Pair pair = pair();
        poller.register(pair.server, 3, Interest.READ | Interest.WRITE);
        assertThat(pollUntilReady()).containsExactly(Map.entry(3, Interest.WRITE));
    }

    @Test
    void modifyChangesWhatIsReported() throws IOException {
        Pair pair = pair();
        poller.register(pair.server, 1, Interest.NONE);
        pair.client.write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollFor(TimeUnit.MILLISECONDS.toNanos(20))).isEmpty();

        poller.modify(1, Interest.READ);
        assertThat(pollUntilReady()).containsExactly(Map.entry(1, Interest.READ));

        poller.modify(1, Interest.WRITE);
        assertThat(pollUntilReady()).containsExactly(Map.entry(1, Interest.WRITE));

        poller.modify(1, Interest.NONE);
        assertThat(pollFor(TimeUnit.MILLISECONDS.toNanos(20))).isEmpty();
    }

    @Test
    void deregisteredTokensAreNotReportedAndCanBeReused() throws IOException {
        Pair first = pair();
        Pair second = pair();
        poller.register(first.server, 5, Interest.READ);
        poller.deregister(5);
        poller.deregister(5);
        poller.deregister(12345);
        first.client.write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollFor(TimeUnit.MILLISECONDS.toNanos(20))).isEmpty();

        poller.register(second.server, 5, Interest.READ);
        second.client.write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntilReady()).containsExactly(Map.entry(5, Interest.READ));
    }

    @Test
    void reportsExactlyTheReadyOnesAmongManyAfterRemovalsInTheMiddle() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (int token = 0; token < 100; token++) {
            Pair pair = pair();
            pairs.add(pair);
            poller.register(pair.server, token, Interest.READ);
        }
        for (int token = 10; token < 90; token += 2) {
            poller.deregister(token);
        }
        for (int token : new int[] {0, 11, 40, 41, 89, 99}) {
            pairs.get(token).client.write(ByteBuffer.wrap(new byte[] {1}));
        }
        Map<Integer, Integer> expected = new LinkedHashMap<>();
        for (int token : new int[] {0, 11, 41, 89, 99}) {
            expected.put(token, Interest.READ);
        }
        assertThat(pollUntil(expected.size())).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void reportsEndOfStreamAsRead() throws IOException {
        Pair pair = pair();
        poller.register(pair.server, 2, Interest.READ);
        pair.client.close();
        assertThat(pollUntilReady()).containsExactly(Map.entry(2, Interest.READ));
        assertThat(pair.server.read(ByteBuffer.allocate(8))).isEqualTo(-1);
    }

    @Test
    void reportsAHalfCloseAsReadSoThatPendingBytesAreDrainedFirst() throws IOException {
        Pair pair = pair();
        poller.register(pair.server, 2, Interest.READ);
        pair.client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        pair.client.shutdownOutput();
        assertThat(pollUntilReady()).containsExactly(Map.entry(2, Interest.READ));
        ByteBuffer in = ByteBuffer.allocate(8);
        assertThat(pair.server.read(in)).isEqualTo(3);
        assertThat(pollNow()).as("still readable: the end of stream").containsExactly(Map.entry(2, Interest.READ));
        assertThat(pair.server.read(in)).isEqualTo(-1);
    }

    @Test
    void watchesOtherJdkChannelsThroughTheUncachedDescriptorLookup() throws IOException {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        poller.register(pipe.source(), 9, Interest.READ);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntilReady()).containsExactly(Map.entry(9, Interest.READ));
    }

    @Test
    void refusesAChannelWhoseDescriptorItCannotFind() throws IOException {
        AbstractSelectableChannel foreign = new AbstractSelectableChannel(SelectorProvider.provider()) {
            @Override
            protected void implCloseSelectableChannel() {
            }

            @Override
            protected void implConfigureBlocking(boolean block) {
            }

            @Override
            public int validOps() {
                return SelectionKey.OP_READ;
            }
        };
        foreign.configureBlocking(false);
        assertThatThrownBy(() -> poller.register(foreign, 1, Interest.READ))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reading the descriptor number of " + foreign.getClass().getName())
                .hasMessageContaining("(errno " + LINUX_ENOTSUP + ")");
        foreign.close();
    }

    @Test
    void reportsAResetWithEveryInterestedBit() throws IOException {
        Pair pair = pair();
        poller.register(pair.server, 2, Interest.READ | Interest.WRITE);
        pair.client.setOption(StandardSocketOptions.SO_LINGER, 0);
        pair.client.close();
        Map<Integer, Integer> ready = pollUntil(1, (token, ops) -> ops == (Interest.READ | Interest.WRITE));
        assertThat(ready).containsExactly(Map.entry(2, Interest.READ | Interest.WRITE));
        assertThatThrownBy(() -> pair.server.read(ByteBuffer.allocate(8))).isInstanceOf(IOException.class);
    }

    @Test
    void reportsAcceptAndConnect() throws IOException {
        ServerSocketChannel listener = track(ServerSocketChannel.open());
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        poller.register(listener, 100, Interest.ACCEPT);

        SocketChannel client = track(SocketChannel.open());
        client.configureBlocking(false);
        boolean connected = client.connect(listener.getLocalAddress());
        poller.register(client, 101, connected ? Interest.NONE : Interest.CONNECT);

        Map<Integer, Integer> ready = pollUntil(connected ? 1 : 2);
        assertThat(ready).containsEntry(100, Interest.ACCEPT);
        if (!connected) {
            assertThat(ready).containsEntry(101, Interest.CONNECT);
            assertThat(client.finishConnect()).isTrue();
        }
        assertThat(track(listener.accept())).isNotNull();
    }

    @Test
    void aWakeupFromAnotherThreadEndsABlockingPoll() throws Exception {
        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return poller.poll(-1, (token, ops) -> {
                    throw new AssertionError("the wake-up must not be reported, got token " + token);
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // Whether the wake-up lands before or during the poll, it must end it: wake-ups are sticky.
        poller.wakeup();
        assertThat(blocked.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aWakeupBeforePollIsStickyAndConsumedOnce() throws IOException {
        poller.wakeup();
        poller.wakeup();
        assertThat(poller.poll(-1, (token, ops) -> {
            throw new AssertionError("the wake-up must not be reported");
        })).isZero();
        assertThat(pollNow()).isEmpty();
        assertThat(pollFor(TimeUnit.MILLISECONDS.toNanos(5))).as("a finite timeout returns").isEmpty();
    }

    @Test
    void aClosedPollerRefusesWorkAndIgnoresWakeups() throws IOException {
        Pair pair = pair();
        poller.close();
        poller.wakeup();
        poller.close();
        assertThatThrownBy(() -> poller.register(pair.server, 1, Interest.READ))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void refusesBadArguments() throws IOException {
        Pair pair = pair();
        assertThatThrownBy(() -> poller.register(pair.server, 1, 1 << 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> poller.register(pair.server, -1, Interest.READ))
                .isInstanceOf(IllegalArgumentException.class);
        poller.register(pair.server, 1, Interest.READ);
        assertThatThrownBy(() -> poller.register(pair.server, 1, Interest.READ))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> poller.modify(2, Interest.READ)).isInstanceOf(IllegalArgumentException.class);
        SocketChannel blocking = track(SocketChannel.open());
        assertThatThrownBy(() -> poller.register(blocking, 3, Interest.READ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configureBlocking(false)");
    }

    @Test
    void closingReleasesEveryDescriptorThePollerOpened() throws IOException {
        long before = openDescriptors();
        for (int i = 0; i < 20; i++) {
            newPoller().close();
        }
        assertThat(openDescriptors()).isEqualTo(before);
    }

    // ---- helpers

    /** Both ends of a loopback connection. */
    protected static final class Pair {
        /** The accepted end, the one tests register. */
        public final SocketChannel server;
        /** The connecting end, the peer that writes and closes. */
        public final SocketChannel client;

        protected Pair(SocketChannel server, SocketChannel client) {
            this.server = server;
            this.client = client;
        }
    }

    /** A connected, non-blocking loopback pair, closed after the test. */
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

    protected <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    protected Map<Integer, Integer> pollNow() throws IOException {
        return pollFor(0);
    }

    protected Map<Integer, Integer> pollFor(long timeoutNanos) throws IOException {
        Map<Integer, Integer> ready = new LinkedHashMap<>();
        int count = poller.poll(timeoutNanos, (token, ops) -> assertThat(ready.put(token, ops))
                .as("token %d reported twice in one poll", token).isNull());
        assertThat(count).isEqualTo(ready.size());
        return ready;
    }

    protected Map<Integer, Integer> pollUntilReady() throws IOException {
        return pollUntil(1);
    }

    protected Map<Integer, Integer> pollUntil(int registrations) throws IOException {
        return pollUntil(registrations, (token, ops) -> true);
    }

    /** Polls until at least {@code registrations} matching ones are ready, each poll waiting up to 10 s. */
    protected Map<Integer, Integer> pollUntil(int registrations, BiPredicate<Integer, Integer> match)
            throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Map<Integer, Integer> ready = pollFor(WAIT);
            if (ready.entrySet().stream().filter(e -> match.test(e.getKey(), e.getValue())).count() >= registrations) {
                return ready;
            }
        }
        throw new AssertionError("fewer than " + registrations + " registrations became ready");
    }

    protected static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
