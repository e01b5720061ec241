package io.pollen.reactor.tck;

import io.pollen.reactor.spi.Poller;

import java.util.Arrays;

/**
 * Tells from the outside whether a thread is blocked in a {@link Poller}'s wait, so that a test can
 * make a wake-up land during the wait rather than hope a sleep was long enough. A thread counts as
 * waiting when its innermost frame is a native method and one of its frames is {@code poll} of a
 * {@link Poller} class: the thread is inside the system call or about to make it, and either way a
 * wake-up must end it. Safe from any thread.
 */
final class PollerThreads {
    private PollerThreads() {
    }

    /**
     * Waits until {@code thread} is in a poller's wait.
     *
     * @param thread the thread that polls
     * @param what   whose thread, for the failure message
     * @throws AssertionError if it never gets there
     */
    static void awaitWaitingInPoller(Thread thread, String what) {
        Await.until(what + " to block in its poller", () -> isWaitingInPoller(thread), Await.DEFAULT,
                () -> "; its stack: " + Arrays.toString(thread.getStackTrace()));
    }

    static boolean isWaitingInPoller(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0 || !stack[0].isNativeMethod()) {
            return false;
        }
        for (StackTraceElement frame : stack) {
            if (frame.getMethodName().equals("poll") && isPollerClass(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPollerClass(String name) {
        try {
            return Poller.class.isAssignableFrom(Class.forName(name, false, Poller.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
