package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a consumer unit-tests a handler: bytes in, bytes out, time moved by hand. The handler here
 * is a typical one: it echoes and closes a connection that stays silent for 30 seconds.
 */
class EmbeddedConnectionTest {

    /** Echoes; closes after 30 s without input, re-arming one timer per read (no allocation). */
    static final class IdleClosingEcho implements ConnectionHandler {
        static final long IDLE_SECONDS = 30;
        final List<Boolean> writability = new ArrayList<>();
        LoopTimer idle;

        @Override
        public void onOpen(Connection connection) {
            idle = connection.loop().newTimer(connection::close);
            idle.schedule(IDLE_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void onRead(Connection connection, ByteBuffer data) {
            idle.schedule(IDLE_SECONDS, TimeUnit.SECONDS);
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            connection.write(copy);
        }

        @Override
        public void onWritabilityChanged(Connection connection, boolean writable) {
            writability.add(writable);
        }
    }

    @Test
    void bytesInAreEchoedOut() {
        EmbeddedConnection connection = new EmbeddedConnection(new IdleClosingEcho());
        connection.writeInbound("hello");
        connection.writeInbound(" world");
        assertThat(connection.readOutboundString()).isEqualTo("hello world");
        assertThat(connection.readOutbound()).isNull();
    }

    @Test
    void theManualClockDrivesTheIdleTimeoutWithoutSleeping() {
        EmbeddedConnection connection = new EmbeddedConnection(new IdleClosingEcho());
        connection.advanceTime(Duration.ofSeconds(29));
        connection.writeInbound("still here");
        connection.advanceTime(Duration.ofSeconds(29));
        assertThat(connection.isOpen()).isTrue();

        connection.advanceTime(Duration.ofSeconds(2));

        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.closeCause()).isNull();
        assertThat(connection.embeddedLoop().armedTimers()).isZero();
    }

    @Test
    void aHandlerThatThrowsClosesTheConnectionWithThatCause() {
        EmbeddedConnection connection = new EmbeddedConnection((c, data) -> {
            throw new IllegalArgumentException("bad input");
        });
        connection.writeInbound("x");
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.closeCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
    }

    @Test
    void aPeerThatStopsReadingDrivesWritabilityAndTheCap() {
        IdleClosingEcho handler = new IdleClosingEcho();
        EmbeddedConnection connection = new EmbeddedConnection(handler, new EmbeddedEventLoop(), 10, 100, 150,
                OverflowPolicy.REJECT_WRITE);
        connection.setPeerReading(false);

        assertThat(connection.write(ByteBuffer.allocate(100))).isEqualTo(WriteResult.QUEUED);
        assertThat(connection.isWritable()).isFalse();
        assertThat(connection.write(ByteBuffer.allocate(51))).isEqualTo(WriteResult.REJECTED_FULL);
        assertThat(connection.pendingWriteBytes()).isEqualTo(100);

        connection.setPeerReading(true);

        assertThat(handler.writability).containsExactly(false, true);
        assertThat(connection.readAllOutbound()).hasSize(100);
    }

    @Test
    void theClosePolicyClosesWithAnOverflowCause() {
        EmbeddedConnection connection = new EmbeddedConnection(new IdleClosingEcho(), new EmbeddedEventLoop(), 10, 100, 150,
                OverflowPolicy.CLOSE_CONNECTION);
        connection.setPeerReading(false);
        connection.write(ByteBuffer.allocate(150));
        assertThat(connection.write(ByteBuffer.allocate(1))).isEqualTo(WriteResult.CLOSED);
        connection.embeddedLoop().runPendingTasks();
        assertThat(connection.closeCause()).isInstanceOf(WriteOverflowException.class);
    }

    @Test
    void theDefaultInputCloseClosesTheConnection() {
        EmbeddedConnection connection = new EmbeddedConnection(new IdleClosingEcho());
        connection.writeInbound("bye".getBytes(StandardCharsets.US_ASCII));
        connection.finishInbound();
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.readOutboundString()).isEqualTo("bye");
    }

    @Test
    void writesAreFlushedAtTheEndOfTheCallbackThatMadeThem() {
        List<Long> pendingInCallback = new ArrayList<>();
        EmbeddedConnection connection = new EmbeddedConnection((c, data) -> {
            for (int i = 0; i < 3; i++) {
                c.write(ByteBuffer.wrap(new byte[] {(byte) i, (byte) i}));
                pendingInCallback.add(c.pendingWriteBytes());
            }
        });

        connection.writeInbound("go");

        assertThat(pendingInCallback).containsExactly(2L, 4L, 6L);
        assertThat(connection.pendingWriteBytes()).isZero();
        assertThat(connection.readOutbound()).containsExactly(0, 0);
        assertThat(connection.readAllOutbound()).containsExactly(1, 1, 2, 2);
    }

    @Test
    void aWriteFromAnotherThreadIsCountedAtOnceAndSentWhenTheTestRunsTheLoop() throws InterruptedException {
        EmbeddedConnection connection = new EmbeddedConnection(new IdleClosingEcho());
        Thread writer = new Thread(() -> connection.write(ByteBuffer.wrap("late".getBytes(StandardCharsets.US_ASCII))));
        writer.start();
        writer.join();

        assertThat(connection.pendingWriteBytes()).isEqualTo(4);
        assertThat(connection.readOutboundString()).isEqualTo("late");
        assertThat(connection.pendingWriteBytes()).isZero();
    }

    @Test
    void aGracefulCloseThatCannotDrainGivesUpAtTheEnginesDeadline() {
        EmbeddedConnection connection = new EmbeddedConnection((c, data) -> {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            c.write(copy.put(data).flip());
        });
        connection.setPeerReading(false);
        connection.writeInbound("unsent");

        connection.close();
        connection.advanceTime(ReactorBuilder.DEFAULT_SHUTDOWN_DRAIN_TIMEOUT.minusMillis(1));
        assertThat(connection.closeCause()).as("still draining").isNull();
        assertThat(connection.write(ByteBuffer.allocate(1))).isEqualTo(WriteResult.CLOSED);

        connection.advanceTime(Duration.ofMillis(1));

        assertThat(connection.closeCause()).isInstanceOf(IOException.class)
                .hasMessage("close timed out with 6 bytes unsent: the peer stopped reading");
        assertThat(connection.pendingWriteBytes()).isZero();
        assertThat(connection.embeddedLoop().armedTimers()).isZero();
    }
}
