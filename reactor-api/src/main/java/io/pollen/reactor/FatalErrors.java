package io.pollen.reactor;

/**
 * Which failures the engine lets stop a loop. A loop serves thousands of connections, so a failure
 * that belongs to one piece of work (a task, a timer action, a handler callback) is logged and
 * confined to that work; only a failure that says the JVM itself can no longer be trusted stops
 * the loop: {@link OutOfMemoryError}, {@link InternalError}, {@link UnknownError} and any other
 * {@link VirtualMachineError} except {@link StackOverflowError}. A stack overflow unwinds the
 * work that recursed too deep and leaves the JVM sound, so it is treated like an
 * {@link AssertionError} or a {@link RuntimeException}: that work fails, the loop goes on.
 *
 * <p>Stateless; safe from any thread.
 */
final class FatalErrors {
    private FatalErrors() {
    }

    /** @return whether {@code failure} must stop the loop rather than fail only the work that threw it */
    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /** Rethrows {@code failure} if it {@linkplain #isFatal is fatal}; returns otherwise. */
    static void rethrowIfFatal(Throwable failure) {
        if (isFatal(failure)) {
            throw (VirtualMachineError) failure;
        }
    }
}
