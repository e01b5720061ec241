package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.Listener;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler or a task that throws takes down its own connection (or only itself) and nothing else. */
public abstract class HandlerFailureConformance extends ConformanceTest {

    /** @param backend the backend under test */
    protected HandlerFailureConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void aThrowingHandlerClosesOnlyItsOwnConnection() throws Exception {
        CompletableFuture<Throwable> failedCause = new CompletableFuture<>();
        Listener listener = listenOnLoopback(reactor(), () -> new FragileEcho(failedCause));
        try (BlockingClient healthy = BlockingClient.connect(listener.localAddress());
             BlockingClient doomed = BlockingClient.connect(listener.localAddress())) {
            healthy.send("one");
            assertThat(healthy.readString(3)).isEqualTo("one");

            doomed.send("boom");

            assertThat(doomed.peerClosed()).isTrue();
            assertThat(failedCause.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("handler failure on purpose");
            healthy.send("two");
            assertThat(healthy.readString(3)).isEqualTo("two");
        }
    }

    @Test
    void aTaskThatThrowsAnErrorFailsAloneTheLoopAndItsConnectionsGoOn() throws Exception {
        RecordingHandler echo = new FragileEcho(new CompletableFuture<>());
        Listener listener = listenOnLoopback(reactor(b -> b.threads(1)), () -> echo);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = echo.opened.get(30, TimeUnit.SECONDS);
            EventLoop loop = connection.loop();

            loop.execute(() -> {
                throw new AssertionError("task failure on purpose");
            });
            loop.execute(HandlerFailureConformance::recurseForever);
            CompletableFuture<Boolean> later = new CompletableFuture<>();
            loop.execute(() -> later.complete(true));

            assertThat(later.get(30, TimeUnit.SECONDS)).as("a task after the failing ones ran").isTrue();
            assertThat(connection.isOpen()).isTrue();
            client.send("still");
            assertThat(client.readString(5)).isEqualTo("still");
        }
    }

    /** Ends in a {@link StackOverflowError}. */
    private static int recurseForever() {
        return recurseForever() + 1;
    }

    /** Echoes, except that "boom" makes it throw. */
    private static final class FragileEcho extends RecordingHandler {
        private final CompletableFuture<Throwable> failedCause;

        FragileEcho(CompletableFuture<Throwable> failedCause) {
            this.failedCause = failedCause;
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            if (new String(bytes, StandardCharsets.US_ASCII).equals("boom")) {
                throw new IllegalStateException("handler failure on purpose");
            }
            connection.write(ByteBuffer.wrap(bytes));
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            if (cause != null) {
                failedCause.complete(cause);
            }
        }
    }
}
