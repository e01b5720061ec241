package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.Listener;
import io.pollen.reactor.OverflowPolicy;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.WriteOverflowException;
import io.pollen.reactor.WriteResult;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that stops reading: water marks report writability both ways, and the hard cap holds
 * under either overflow policy.
 */
public abstract class BackPressureConformance extends ConformanceTest {
    private static final int LOW = 16 * 1024;
    private static final int HIGH = 64 * 1024;
    private static final int CAP = 1024 * 1024;
    private static final int WRITE_SIZE = 4096;
    /** Far more than any loopback socket buffer holds: the flood must reach the cap well before. */
    private static final int MAX_WRITES = 200_000;

    /** @param backend the backend under test */
    protected BackPressureConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void waterMarksAndTheRejectPolicyHoldTheCapAndRecover() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP)
                .overflowPolicy(OverflowPolicy.REJECT_WRITE));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);

            // With its loop held, nothing drains: the queue reaches the cap exactly, whatever the
            // kernel's socket buffers would have taken.
            long queued;
            HeldLoop held = HeldLoop.hold(connection);
            try {
                queued = floodUntilRefused(connection, WriteResult.REJECTED_FULL);
                assertThat(queued).isEqualTo(CAP - CAP % WRITE_SIZE);
                assertThat(connection.pendingWriteBytes()).isEqualTo(queued);
                assertThat(connection.write(ByteBuffer.allocate(WRITE_SIZE))).as("still full").isEqualTo(WriteResult.REJECTED_FULL);
                assertThat(connection.isWritable()).isFalse();
                assertThat(connection.isOpen()).isTrue();
                assertThat(reactor.metrics().rejectedWrites()).isEqualTo(2);
            } finally {
                held.release();
            }
            Await.until("the unwritable event", () -> !server.writabilityChanges.isEmpty());
            assertThat(server.writabilityChanges.get(0)).as("the first writability change").isFalse();

            client.readExactly(Math.toIntExact(queued));

            Await.until("the writable event", () -> Boolean.TRUE.equals(lastChange(server)));
            assertThat(connection.pendingWriteBytes()).isZero();
            // The loop may cross the marks several times while the kernel's buffers fill, but events
            // always alternate, starting unwritable and ending writable.
            for (int i = 0; i < server.writabilityChanges.size(); i++) {
                assertThat(server.writabilityChanges.get(i)).as("change %d", i).isEqualTo(i % 2 == 1);
            }
            assertThat(connection.write(ByteBuffer.allocate(WRITE_SIZE))).isEqualTo(WriteResult.QUEUED);
            client.readExactly(WRITE_SIZE);
        }
    }

    @Test
    @SuppressWarnings("try") // the peer only has to exist (and be closed afterwards), not to act
    void theClosePolicyDisconnectsTheSlowConsumer() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Reactor reactor = reactor(b -> b.writeWaterMarks(LOW, HIGH).maxPendingWriteBytes(CAP)
                .overflowPolicy(OverflowPolicy.CLOSE_CONNECTION));
        Listener listener = listenOnLoopback(reactor, () -> server);
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            Connection connection = server.opened.get(30, TimeUnit.SECONDS);

            floodUntilRefused(connection, WriteResult.CLOSED);

            assertThat(server.closed.get(30, TimeUnit.SECONDS)).isInstanceOf(WriteOverflowException.class);
            assertThat(connection.isOpen()).isFalse();
            assertThat(connection.write(ByteBuffer.allocate(1))).isEqualTo(WriteResult.CLOSED);
        }
    }

    private static Boolean lastChange(RecordingHandler handler) {
        return handler.writabilityChanges.isEmpty() ? null
                : handler.writabilityChanges.get(handler.writabilityChanges.size() - 1);
    }

    /** Writes from the test thread until refused; returns the bytes queued before that. */
    private static long floodUntilRefused(Connection connection, WriteResult expectedRefusal) {
        long queued = 0;
        for (int i = 0; i < MAX_WRITES; i++) {
            WriteResult result = connection.write(ByteBuffer.allocate(WRITE_SIZE));
            if (result != WriteResult.QUEUED) {
                assertThat(result).isEqualTo(expectedRefusal);
                return queued;
            }
            queued += WRITE_SIZE;
        }
        throw new AssertionError(MAX_WRITES + " writes of " + WRITE_SIZE + " bytes to a peer that does not read were all queued");
    }
}
