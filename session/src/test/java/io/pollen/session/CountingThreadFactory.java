package io.pollen.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * Wraps the factory sequential sessions would use here (virtual threads on Java 21+, platform threads
 * before) and keeps every thread it made, so that a test can wait for all of them to end. Safe from
 * any thread.
 */
final class CountingThreadFactory implements ThreadFactory {
    private final ThreadFactory delegate;
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    CountingThreadFactory() {
        this.delegate = VirtualThreads.isAvailable() ? VirtualThreads.factory() : Thread::new;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = delegate.newThread(task);
        made.add(thread);
        return thread;
    }

    /** @return how many threads were made */
    int made() {
        return made.size();
    }

    /** @return how many of them are still alive */
    long alive() {
        return made.stream().filter(Thread::isAlive).count();
    }
}
