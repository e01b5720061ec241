package io.pollen.reactor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same writes give the same results, pending counts, writability and events on an
 * {@link EmbeddedConnection} as on a {@link ChannelConnection} over a loopback socket, and both give
 * what {@link Connection} documents. Each scenario is written once, as steps on the connection's loop
 * (after each of which the loop flushes, as it does after any task) and writes from another thread;
 * the peer reads, so the kernel takes every flush whole: these are a few hundred bytes.
 */
class WritePathParityTest {
    private static final long LOW = 10;
    private static final long HIGH = 100;
    private static final long CAP = 150;
    private static final long WAIT_SECONDS = 10;

    /** The two connections under test. */
    enum Kind {
        EMBEDDED, CHANNEL
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void waterMarksAndTheCapUnderTheRejectPolicy(Kind kind) throws Exception {
        try (Subject subject = open(kind, OverflowPolicy.REJECT_WRITE)) {
            subject.onLoop(c -> {
                write(subject, c, 60);
                write(subject, c, 50);
                write(subject, c, 41);
                write(subject, c, 20, 21);
                write(subject, c, 40);
                write(subject, c, 0);
            });
            subject.onLoop(c -> state(subject, c));
            subject.peerReads(150);
            subject.fromAnotherThread(c -> write(subject, c, 120));
            subject.onLoop(c -> state(subject, c));
            subject.peerReads(120);

            assertThat(subject.log()).containsExactly(
                    "write [60] -> QUEUED pending=60 writable=true",
                    "event writable=false",
                    "write [50] -> QUEUED pending=110 writable=false",
                    "write [41] -> REJECTED_FULL pending=110 writable=false",
                    "write [20, 21] -> REJECTED_FULL pending=110 writable=false",
                    "write [40] -> QUEUED pending=150 writable=false",
                    "write [0] -> QUEUED pending=150 writable=false",
                    // the loop flushed after the step, and the peer had room for all of it
                    "event writable=true",
                    "state pending=0 writable=true open=true",
                    "peer read 150",
                    // counted before the loop queues it: unwritable for the writer already
                    "write [120] -> QUEUED pending=120 writable=false",
                    "event writable=false",
                    "event writable=true",
                    "state pending=0 writable=true open=true",
                    "peer read 120");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theClosePolicyClosesOnTheWriteThatWouldPassTheCap(Kind kind) throws Exception {
        try (Subject subject = open(kind, OverflowPolicy.CLOSE_CONNECTION)) {
            subject.onLoop(c -> {
                write(subject, c, 150);
                write(subject, c, 1);
            });
            subject.onLoop(c -> {
                write(subject, c, 1);
                state(subject, c);
            });

            assertThat(subject.log()).containsExactly(
                    "event writable=false",
                    "write [150] -> QUEUED pending=150 writable=false",
                    "closed WriteOverflowException",
                    "write [1] -> CLOSED pending=0 writable=false",
                    "write [1] -> CLOSED pending=0 writable=false",
                    "state pending=0 writable=false open=false");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aGracefulCloseSendsWhatIsQueuedThenCloses(Kind kind) throws Exception {
        try (Subject subject = open(kind, OverflowPolicy.REJECT_WRITE)) {
            subject.onLoop(c -> {
                write(subject, c, 50);
                c.close();
                write(subject, c, 1);
            });
            subject.peerReads(50);
            subject.onLoop(c -> state(subject, c));

            assertThat(subject.log()).containsExactly(
                    "write [50] -> QUEUED pending=50 writable=true",
                    "closed orderly",
                    "write [1] -> CLOSED pending=0 writable=true",
                    "peer read 50",
                    "state pending=0 writable=true open=false");
        }
    }

    /**
     * A write from another thread is counted when it is made and queued by a task; if the connection
     * closes in between, the task must give back exactly its own bytes (the count once went negative).
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWriteStillInTheTaskQueueWhenTheConnectionClosesLeavesNothingCounted(Kind kind) throws Exception {
        try (Subject subject = open(kind, OverflowPolicy.REJECT_WRITE)) {
            subject.onLoop(c -> {
                Thread writer = new Thread(() -> write(subject, c, 100), "writer");
                writer.start();
                try {
                    writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                c.abort();
            });
            subject.onLoop(c -> state(subject, c));

            assertThat(subject.log()).containsExactly(
                    "write [100] -> QUEUED pending=100 writable=false",
                    "closed orderly",
                    "state pending=0 writable=true open=false");
        }
    }

    // ---------------------------------------------------------------- steps

    private static void write(Subject subject, Connection c, int... sizes) {
        ByteBuffer[] buffers = new ByteBuffer[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            buffers[i] = ByteBuffer.allocate(sizes[i]);
        }
        WriteResult result = buffers.length == 1 ? c.write(buffers[0]) : c.write(buffers);
        subject.log().add("write " + Arrays.toString(sizes) + " -> " + result + " pending=" + c.pendingWriteBytes()
                + " writable=" + c.isWritable());
    }

    private static void state(Subject subject, Connection c) {
        subject.log().add("state pending=" + c.pendingWriteBytes() + " writable=" + c.isWritable() + " open=" + c.isOpen());
    }

    // ---------------------------------------------------------------- the two connections

    private static Subject open(Kind kind, OverflowPolicy policy) throws Exception {
        return kind == Kind.EMBEDDED ? new EmbeddedSubject(policy) : new ChannelSubject(policy);
    }

    /** Logs what the connection tells its handler, in the same list as the steps' records. */
    static final class Recorder implements ConnectionHandler {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Connection> opened = new CompletableFuture<>();

        @Override
        public void onOpen(Connection connection) {
            opened.complete(connection);
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onWritabilityChanged(Connection connection, boolean writable) {
            log.add("event writable=" + writable);
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            log.add("closed " + (cause == null ? "orderly" : cause.getClass().getSimpleName()));
        }
    }

    /** One connection with a reading peer, driven from the test thread. */
    abstract static class Subject implements AutoCloseable {
        final Recorder recorder = new Recorder();

        List<String> log() {
            return recorder.log;
        }

        /** Runs a step on the connection's loop and waits for it; the loop flushes after it. */
        abstract void onLoop(Consumer<Connection> step) throws Exception;

        /**
         * Runs a step on a thread that is not the loop's while the loop does nothing, then lets the
         * loop run what the step queued and waits until it has.
         */
        abstract void fromAnotherThread(Consumer<Connection> step) throws Exception;

        /** The peer reads exactly this many bytes. */
        abstract void peerReads(int bytes) throws Exception;

        @Override
        public abstract void close() throws IOException;
    }

    static final class EmbeddedSubject extends Subject {
        private final EmbeddedEventLoop loop = new EmbeddedEventLoop();
        private final EmbeddedConnection connection;

        EmbeddedSubject(OverflowPolicy policy) {
            connection = new EmbeddedConnection(recorder, loop, LOW, HIGH, CAP, policy);
        }

        @Override
        void onLoop(Consumer<Connection> step) {
            loop.execute(() -> step.accept(connection));
            loop.runPendingTasks();
        }

        @Override
        void fromAnotherThread(Consumer<Connection> step) throws Exception {
            Thread other = new Thread(() -> step.accept(connection), "other");
            other.start();
            other.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            loop.runPendingTasks();
        }

        @Override
        void peerReads(int bytes) {
            log().add("peer read " + connection.readAllOutbound().length);
        }

        @Override
        public void close() {
        }
    }

    static final class ChannelSubject extends Subject {
        private final Reactor reactor;
        private final Socket peer = new Socket();
        private final Connection connection;

        ChannelSubject(OverflowPolicy policy) throws Exception {
            reactor = SelectorTestPoller.startReactor(Reactor.builder().threads(1).writeWaterMarks(LOW, HIGH)
                    .maxPendingWriteBytes(CAP).overflowPolicy(policy));
            Listener listener = reactor.listen(new InetSocketAddress("127.0.0.1", 0), () -> recorder);
            peer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            peer.connect(listener.localAddress());
            connection = recorder.opened.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        void onLoop(Consumer<Connection> step) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            connection.loop().execute(() -> {
                try {
                    step.accept(connection);
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        void fromAnotherThread(Consumer<Connection> step) throws Exception {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            connection.loop().execute(() -> {
                held.countDown();
                try {
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(held.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            step.accept(connection); // the test thread is not the loop's
            release.countDown();
            onLoop(c -> { });
        }

        @Override
        void peerReads(int bytes) throws IOException {
            InputStream in = peer.getInputStream();
            log().add("peer read " + in.readNBytes(bytes).length);
        }

        @Override
        public void close() throws IOException {
            peer.close();
            reactor.shutdown(Duration.ofSeconds(WAIT_SECONDS));
        }
    }
}
