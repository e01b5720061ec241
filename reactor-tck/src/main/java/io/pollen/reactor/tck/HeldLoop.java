package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps a connection's loop busy in a task, so that it moves no bytes until released: a test then
 * sees what its writes queue, whatever the kernel's socket buffers would have taken meanwhile.
 */
final class HeldLoop {
    private final CountDownLatch release = new CountDownLatch(1);

    private HeldLoop() {
    }

    /**
     * @param connection the connection whose loop to hold
     * @return the hold, once the loop has taken it
     * @throws InterruptedException if interrupted while waiting for the loop to take it
     */
    static HeldLoop hold(Connection connection) throws InterruptedException {
        HeldLoop held = new HeldLoop();
        CountDownLatch holding = new CountDownLatch(1);
        connection.loop().execute(() -> {
            holding.countDown();
            try {
                held.release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("the loop took the holding task").isTrue();
        return held;
    }

    /** Lets the loop go on. */
    void release() {
        release.countDown();
    }
}
