package io.pollen.reactor.tck;

import io.pollen.reactor.EventLoop;
import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Other threads reach a loop through its task queue: prompt, coalesced, and never starving I/O. */
public abstract class WakeupConformance extends ConformanceTest {

    /** @param backend the backend under test */
    protected WakeupConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void aTaskFromAnotherThreadWakesALoopBlockedWithNothingToDo() throws Exception {
        EventLoop idle = reactor(b -> b.threads(1)).loops().get(0);
        CompletableFuture<Thread> loopThread = new CompletableFuture<>();
        idle.execute(() -> loopThread.complete(Thread.currentThread()));
        // Nothing is registered and no timer is armed: once in its poller, the loop waits untimed.
        PollerThreads.awaitWaitingInPoller(loopThread.get(30, TimeUnit.SECONDS), "the idle loop");
        CountDownLatch ran = new CountDownLatch(1);
        idle.execute(ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).as("the task ran").isTrue();
    }

    @Test
    void aBurstOfSubmissionsCostsOneWakeup() throws Exception {
        Reactor reactor = reactor(b -> b.threads(1));
        EventLoop loop = reactor.loops().get(0);
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            busy.countDown();
            awaitQuietly(release);
        });
        assertThat(busy.await(30, TimeUnit.SECONDS)).as("the loop is busy").isTrue();

        long before = reactor.metrics().wakeupsSignalled();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            loop.execute(ran::incrementAndGet);
        }
        long burst = reactor.metrics().wakeupsSignalled() - before;
        release.countDown();

        assertThat(burst).as("wake-ups signalled for 1000 submissions").isEqualTo(1);
        Await.until("the burst to run", () -> ran.get() == 1000);
    }

    @Test
    void aTaskThatResubmitsItselfDoesNotStarveIo() {
        Reactor reactor = reactor(b -> b.threads(1).maxTasksPerIteration(16));
        EventLoop loop = reactor.loops().get(0);
        Listener listener = listenOnLoopback(reactor, EchoHandler::new);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger spins = new AtomicInteger();
        loop.execute(new Runnable() {
            @Override
            public void run() {
                spins.incrementAndGet();
                if (!stop.get()) {
                    loop.execute(this);
                }
            }
        });
        try (BlockingClient client = BlockingClient.connect(listener.localAddress())) {
            for (int i = 0; i < 20; i++) {
                client.send("ping");
                assertThat(client.readString(4)).isEqualTo("ping");
            }
        } finally {
            stop.set(true);
        }
        assertThat(spins.get()).as("the task kept running alongside I/O").isGreaterThan(20);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
