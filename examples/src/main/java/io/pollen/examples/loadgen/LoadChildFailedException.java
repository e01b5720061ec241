package io.pollen.examples.loadgen;

/**
 * A child process of {@code loadgen --processes} failed: it exited with a non-zero status, ended without
 * its result, sent lines its parent could not read, or overran the run's time. The message names the
 * child, what went wrong and the last lines it wrote on standard error; the other children have been
 * killed by the time this is thrown, and no summary is printed.
 */
public class LoadChildFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which child, what happened, and its last words */
    public LoadChildFailedException(String message) {
        super(message);
    }
}
