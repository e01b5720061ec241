package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundQueueTest {

    @Test
    void gathersInOrderAndDropsOnlyFullyWrittenBuffers() {
        OutboundQueue queue = new OutboundQueue();
        for (int i = 0; i < 10; i++) {
            queue.add(ByteBuffer.wrap(new byte[] {(byte) i, (byte) i}));
        }
        ByteBuffer[] batch = new ByteBuffer[4];
        assertThat(queue.gather(batch)).isEqualTo(4);
        assertThat(batch[0].get(0)).isZero();
        assertThat(batch[3].get(0)).isEqualTo((byte) 3);

        batch[0].position(2);
        batch[1].position(1); // a partial write stops inside the second buffer
        queue.removeWritten();

        assertThat(queue.gather(batch)).isEqualTo(4);
        assertThat(batch[0].get(0)).isEqualTo((byte) 1);
        assertThat(batch[0].remaining()).isEqualTo(1);
    }

    @Test
    void emptyBuffersAreNotQueuedAndClearReportsUnsentBytes() {
        OutboundQueue queue = new OutboundQueue();
        queue.add(ByteBuffer.allocate(0));
        assertThat(queue.isEmpty()).isTrue();
        queue.add(ByteBuffer.allocate(100));
        queue.add(ByteBuffer.allocate(28));
        assertThat(queue.clear()).isEqualTo(128);
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void survivesGrowthWhileWrapped() {
        OutboundQueue queue = new OutboundQueue();
        ByteBuffer[] batch = new ByteBuffer[64];
        int nextIn = 0;
        int nextOut = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 7; i++) {
                queue.add(ByteBuffer.wrap(new byte[] {(byte) nextIn++}));
            }
            int n = queue.gather(batch);
            for (int i = 0; i < Math.min(n, 5); i++) {
                assertThat(batch[i].get()).isEqualTo((byte) nextOut++);
            }
            queue.removeWritten();
        }
    }

    @Test
    void gatheringStopsAtARegionAndTheBuffersAfterItWaitForIt() {
        OutboundQueue queue = new OutboundQueue();
        queue.add(ByteBuffer.allocate(1));
        queue.add(ByteBuffer.allocate(2));
        StreamedRegion region = new StreamedRegion(null, 0, 10);
        queue.add(region);
        queue.add(ByteBuffer.allocate(3));
        ByteBuffer[] batch = new ByteBuffer[8];

        assertThat(queue.regionAtHead()).as("buffers before the region go first").isNull();
        assertThat(queue.gather(batch)).isEqualTo(2);
        batch[0].position(1);
        batch[1].position(2);
        queue.removeWritten();

        assertThat(queue.regionAtHead()).isSameAs(region);
        assertThat(queue.gather(batch)).as("nothing passes the region").isZero();
        assertThat(queue.pollRegion()).isSameAs(region);
        assertThat(queue.regionAtHead()).isNull();
        assertThat(queue.gather(batch)).isEqualTo(1);
        assertThat(batch[0].remaining()).isEqualTo(3);
        assertThat(queue.isEmpty()).isFalse();
    }
}
