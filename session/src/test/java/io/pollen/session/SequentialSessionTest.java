package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sequential sessions over real loopback sockets, on every backend, with every thread counted. */
@OnEveryBackend
@ExtendWith(DescriptorLeakCheck.class)
class SequentialSessionTest {
    private final String backend;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final CountingThreadFactory threads = new CountingThreadFactory();
    /** Every send result that was not QUEUED, and every other surprise, as text. */
    private final List<String> problems = new CopyOnWriteArrayList<>();
    /** Ids of sessions whose handler saw receive() return null. */
    private final List<String> ended = new CopyOnWriteArrayList<>();

    /** Echoes; "bye" answers and returns; "fail" throws. */
    private final SequentialSessionHandler echo = session -> {
        for (JsonMessage m; (m = session.receive()) != null; ) {
            if ("fail".equals(m.type())) {
                throw new IllegalStateException("the handler fails on purpose");
            }
            if ("bye".equals(m.type())) {
                expectQueued(session.send("{\"type\":\"bye\"}"));
                return;
            }
            expectQueued(session.send(m.payload()));
        }
        ended.add(session.id());
    };

    SequentialSessionTest(String backend) {
        this.backend = backend;
    }

    private void expectQueued(SendResult result) {
        if (!result.isQueued()) {
            problems.add("send: " + result);
        }
    }

    private SessionServer start(SequentialSessionHandler handler, Consumer<SessionServerBuilder> settings) throws IOException {
        SessionServerBuilder builder = SessionServer.builder().reactor(r -> r.backend(backend).threads(2))
                .address(new InetSocketAddress("127.0.0.1", 0)).sequential(handler).sessionThreads(threads);
        settings.accept(builder);
        SessionServer server = builder.build();
        resources.add(server);
        return server;
    }

    private NetstringClient client(SessionServer server) {
        NetstringClient client = NetstringClient.connect(server.localAddress());
        resources.add(client);
        return client;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        Await.until("every session thread to end", () -> threads.alive() == 0);
        assertThat(problems).isEmpty();
    }

    @Test
    void sequentialCodeEchoesWhileTheSessionLayerAnswersHelloAndPing() throws IOException {
        SessionServer server = start(echo, b -> { });
        NetstringClient client = client(server);

        assertThat(client.hello("c-1")).isEqualTo("{\"type\":\"welcome\",\"session\":\"c-1\",\"keepalive_ms\":30000}");
        client.send("{\"type\":\"ping\",\"seq\":7}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"pong\",\"seq\":7}");
        client.send("{\"type\":\"echo\",\"text\":\"hi\"}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"echo\",\"text\":\"hi\"}");

        Session session = server.registry().find("c-1").orElseThrow();
        assertThat(session.state()).isEqualTo(SessionState.HEALTHY);
        assertThat(session.counters().framesIn()).isEqualTo(3);
        // The session thread counts its send once the write is queued, which may be after the client read it.
        Await.until("three frames counted out", () -> session.counters().framesOut() == 3);
        assertThat(threads.made()).isEqualTo(1);
    }

    @Test
    void whenTheHandlerReturnsItsSessionIsClosedAfterTheLastReply() throws IOException {
        SessionServer server = start(echo, b -> { });
        NetstringClient client = client(server);
        client.hello("leaving");

        client.send("{\"type\":\"bye\"}");

        assertThat(client.readFrame()).isEqualTo("{\"type\":\"bye\"}");
        assertThat(client.closedByServer()).isTrue();
        Await.until("the session to leave the registry", () -> server.registry().size() == 0);
    }

    @Test
    void anExceptionClosesThatSessionOnly() throws IOException {
        SessionServer server = start(echo, b -> { });
        NetstringClient failing = client(server);
        NetstringClient other = client(server);
        failing.hello("failing");
        other.hello("other");

        failing.send("{\"type\":\"fail\"}");

        assertThat(failing.closedByServer()).isTrue();
        other.send("{\"type\":\"echo\",\"n\":1}");
        assertThat(other.readFrame()).isEqualTo("{\"type\":\"echo\",\"n\":1}");
        assertThat(server.registry().find("other")).get().matches(Session::isOpen);
    }

    @Test
    void receiveReturnsNullWhenTheClientLeavesAndNoThreadOutlivesItsSession() throws IOException {
        SessionServer server = start(echo, b -> { });
        int sessions = 5;
        List<NetstringClient> clients = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            NetstringClient client = NetstringClient.connect(server.localAddress());
            clients.add(client);
            client.hello("c-" + i);
            client.send("{\"type\":\"echo\",\"i\":" + i + "}");
            assertThat(client.readFrame()).isEqualTo("{\"type\":\"echo\",\"i\":" + i + "}");
        }
        assertThat(threads.made()).isEqualTo(sessions);
        assertThat(threads.alive()).isEqualTo(sessions);

        clients.forEach(NetstringClient::close);

        Await.until("every handler to see the end of its session", () -> ended.size() == sessions);
        Await.until("every session thread to end", () -> threads.alive() == 0);
        assertThat(ended).containsExactlyInAnyOrder("c-0", "c-1", "c-2", "c-3", "c-4");
        assertThat(server.registry().size()).isZero();
    }

    @Test
    void aSlowHandlerPushesBackOnItsClientOverTcpWhileOtherSessionsAreServed() throws Exception {
        int capacity = 8;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger peakInbox = new AtomicInteger();
        AtomicReference<SequentialSession> slow = new AtomicReference<>();
        SequentialSessionHandler handler = session -> {
            for (JsonMessage m; (m = session.receive()) != null; ) {
                if (!"flood".equals(m.type())) {
                    expectQueued(session.send(m.payload()));
                    continue;
                }
                peakInbox.accumulateAndGet(session.pendingMessages(), Math::max);
                if (received.getAndIncrement() == 0) {
                    slow.set(session);
                    release.await();
                }
            }
        };
        // A read buffer smaller than a frame: one read completes at most one frame, so the inbox's bound
        // is exactly its capacity.
        SessionServer server = start(handler, b -> b.inboxCapacity(capacity).reactor(r -> r.readBufferSize(256)));
        byte[] frame = frame("{\"type\":\"flood\",\"pad\":\"" + "x".repeat(600) + "\"}");

        try (SocketChannel flood = SocketChannel.open()) {
            flood.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            flood.connect(server.localAddress());
            flood.configureBlocking(false);
            ByteBuffer pending = ByteBuffer.wrap(frame);
            long[] framesWritten = {0};
            // Keep the client writing until the inbox has filled: the handler holds one message and the
            // others wait (the inbox filled either before the handler took its one, or after).
            Await.until("the inbox to fill", () -> {
                framesWritten[0] = writeUntilTheSocketIsFull(flood, frame, pending, framesWritten[0]);
                return slow.get() != null && slow.get().counters().framesIn() >= capacity;
            }, Await.DEFAULT, () -> framesWritten[0] + " frames written, " + (slow.get() == null ? "none held"
                    : slow.get().pendingMessages() + " waiting, " + slow.get().counters().framesIn() + " read"));
            SequentialSession session = slow.get();
            // Whatever the server read before pausing is in; from here on TCP holds the rest.
            framesWritten[0] = writeUntilTheSocketIsFull(flood, frame, pending, framesWritten[0]);

            long framesRead = session.counters().framesIn();
            assertThat(framesRead).as("frames read: a full inbox, and the one held if taken before it filled")
                    .isBetween((long) capacity, capacity + 1L);
            assertThat(session.pendingMessages()).isEqualTo(framesRead - 1);
            assertThat(framesWritten[0]).as("frames the client got into TCP").isGreaterThan(capacity + 1);
            assertThat(flood.write(pending)).as("the client's socket is still full").isZero();

            NetstringClient other = client(server);
            other.hello("other");
            other.send("{\"type\":\"echo\",\"n\":2}");
            assertThat(other.readFrame()).isEqualTo("{\"type\":\"echo\",\"n\":2}");

            release.countDown();
            flood.configureBlocking(true);
            while (pending.hasRemaining()) {
                flood.write(pending);
            }
            long total = framesWritten[0] + 1;
            Await.until("the handler to receive every frame the client sent",
                    () -> received.get() == total, Await.DEFAULT, () -> received.get() + " of " + total);
            assertThat(peakInbox.get()).as("the most messages ever waiting in the inbox").isLessThanOrEqualTo(capacity);
        } finally {
            release.countDown(); // a failed assertion must not leave the handler waiting
        }
    }

    /** Writes whole frames (finishing {@code pending} first) until the non-blocking socket takes no more. */
    private static long writeUntilTheSocketIsFull(SocketChannel channel, byte[] frame, ByteBuffer pending, long written) {
        long guard = 200_000; // 120 MB: far beyond any loopback buffer, so a server that never pauses fails here
        while (written < guard) {
            try {
                channel.write(pending);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (pending.hasRemaining()) {
                return written;
            }
            written++;
            pending.clear();
            pending.put(frame).flip();
        }
        throw new AssertionError("the client wrote " + written + " frames without its socket filling: reads never paused");
    }

    @Test
    void aSendWaitsWhileTheClientReadsTooSlowlyInsteadOfBeingRefused() throws Exception {
        int replies = 5000;
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Thread> sender = new AtomicReference<>();
        String reply = "{\"type\":\"data\",\"pad\":\"" + "y".repeat(4000) + "\"}";
        SequentialSessionHandler handler = session -> {
            for (JsonMessage m; (m = session.receive()) != null; ) {
                sender.set(Thread.currentThread());
                for (int i = 0; i < replies; i++) {
                    expectQueued(session.send(reply));
                    sent.incrementAndGet();
                }
            }
        };
        // 20 MB of replies against a 64 KiB write cap: sends that did not wait would be REJECTED_FULL.
        SessionServer server = start(handler, b -> b.maxFrameLength(32 * 1024)
                .reactor(r -> r.writeWaterMarks(8 * 1024, 16 * 1024).maxPendingWriteBytes(64 * 1024)));
        NetstringClient client = client(server);

        client.send("{\"type\":\"burst\"}");

        Await.until("the handler to wait in send while the client does not read",
                () -> sender.get() != null && sent.get() < replies && sender.get().getState() == Thread.State.WAITING,
                Await.DEFAULT, () -> sent.get() + " sent, " + (sender.get() == null ? "" : sender.get().getState()));
        for (int i = 0; i < replies; i++) {
            assertThat(client.readFrame()).isEqualTo(reply);
        }
        assertThat(sent.get()).isEqualTo(replies);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void withoutAThreadFactoryEachSessionRunsOnAVirtualThread() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        SessionServer server = SessionServer.builder().reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .sequential(session -> {
                    thread.set(Thread.currentThread());
                    for (JsonMessage m; (m = session.receive()) != null; ) {
                        expectQueued(session.send(m.payload()));
                    }
                })
                .build();
        resources.add(server);
        NetstringClient client = client(server);
        client.send("{\"type\":\"echo\"}");
        assertThat(client.readFrame()).isEqualTo("{\"type\":\"echo\"}");

        assertThat(Thread.class.getMethod("isVirtual").invoke(thread.get())).isEqualTo(true);
        assertThat(thread.get().getName()).startsWith(VirtualThreads.THREAD_NAME_PREFIX);
        client.close();
        Await.until("the virtual thread to end", () -> !thread.get().isAlive());
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void withoutAThreadFactoryBeforeJava21TheServerIsRefusedWithTheRemedy() {
        SessionServerBuilder builder = SessionServer.builder().reactor(r -> r.backend(backend))
                .sequential(echo);

        assertThatThrownBy(builder::build)
                .isInstanceOf(VirtualThreadsUnavailableException.class)
                .hasMessageContaining("needs Java 21 or later")
                .hasMessageContaining("sessionThreads(ThreadFactory)")
                .hasMessageContaining("1 MiB");
    }

    private static byte[] frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return (bytes.length + ":" + payload + ",").getBytes(StandardCharsets.UTF_8);
    }
}
