package io.pollen.reactor;

import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.ReadyHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A poller whose wait fails: the loop stops and releases everything, instead of spinning or sleeping. */
class BrokenPollerTest {

    /** Waits on a semaphore like a real poller; fails every wait once told to. */
    static class BreakablePoller implements Poller {
        final Semaphore wakeups = new Semaphore(0);
        volatile boolean broken;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void register(SelectableChannel channel, int token, int interest) {
        }

        @Override
        public void modify(int token, int interest) {
        }

        @Override
        public void deregister(int token) {
        }

        @Override
        public int poll(long timeoutNanos, ReadyHandler handler) throws IOException {
            try {
                if (timeoutNanos < 0) {
                    wakeups.acquire();
                } else {
                    wakeups.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (broken) {
                throw new IOException("epoll_wait failed: Bad file descriptor (errno 9)");
            }
            return 0;
        }

        @Override
        public void wakeup() {
            wakeups.release();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void aFailingWaitStopsTheLoopClosesThePollerAndRejectsNewWork() throws Exception {
        BreakablePoller poller = new BreakablePoller();
        Reactor reactor = TestBackend.start(Reactor.builder().threads(1), "breakable", () -> poller);
        EventLoop loop = reactor.loops().get(0);

        poller.broken = true;
        loop.execute(() -> { });

        assertThat(poller.closed.await(30, TimeUnit.SECONDS)).as("the poller was released").isTrue();
        assertThatThrownBy(() -> loop.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(reactor.shutdown(Duration.ofSeconds(1))).as("drained").isFalse();
    }
}
