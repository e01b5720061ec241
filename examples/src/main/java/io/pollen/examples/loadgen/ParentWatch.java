package io.pollen.examples.loadgen;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a load child whose parent is gone: the parent holds the child's standard input open for the
 * whole run and never writes to it, so end of input means the parent exited, however it died (even
 * killed with SIGKILL, when it could not kill its children itself). The child then exits at once
 * with {@value #PARENT_GONE_STATUS} rather than go on loading a server nobody watches.
 *
 * <h2>Threading</h2>
 * {@link #exitWhenClosed} starts one daemon thread, which blocks on the input.
 */
final class ParentWatch {
    /** The child's exit status when its parent went away. */
    static final int PARENT_GONE_STATUS = 3;

    private ParentWatch() {
    }

    /** @param fromParent the child's standard input, the parent's end of which stays open while it lives */
    static void exitWhenClosed(InputStream fromParent) {
        Thread watch = new Thread(() -> {
            try {
                while (fromParent.read() >= 0) {
                    // The parent never writes; anything read is ignored.
                }
            } catch (IOException e) {
                // A broken pipe is a parent gone as well.
            }
            System.err.println("loadgen child: the parent process is gone; stopping");
            System.exit(PARENT_GONE_STATUS);
        }, "loadgen-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
