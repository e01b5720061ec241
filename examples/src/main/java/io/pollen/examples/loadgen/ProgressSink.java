package io.pollen.examples.loadgen;

/**
 * Where a load run's progress goes each second: a line for people on standard error
 * ({@link ProgressLine}), or a line for the parent process on standard output ({@link ChildReport}).
 *
 * <h2>Threading</h2>
 * Called on the run's pacer thread only.
 */
interface ProgressSink {

    /** @param progress the second that just passed */
    void onProgress(LoadProgress progress);
}
