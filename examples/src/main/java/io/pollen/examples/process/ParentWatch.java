package io.pollen.examples.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a child process (a load child, a server worker) whose parent is gone: the parent holds the
 * child's standard input open for the child's whole life and never writes to it, so end of input means
 * the parent exited, however it died (even killed with SIGKILL, when it could not stop its children
 * itself). The child then exits at once with {@value #PARENT_GONE_STATUS} rather than go on working for
 * a parent nobody watches.
 *
 * <h2>Threading</h2>
 * {@link #exitWhenClosed} starts one daemon thread, which blocks on the input.
 */
public final class ParentWatch {
    /** The child's exit status when its parent went away. */
    public static final int PARENT_GONE_STATUS = 3;

    private ParentWatch() {
    }

    /**
     * @param fromParent the child's standard input, the parent's end of which stays open while it lives
     * @param who        names the child in the line it prints on standard error before exiting
     */
    public static void exitWhenClosed(InputStream fromParent, String who) {
        Thread watch = new Thread(() -> {
            try {
                while (fromParent.read() >= 0) {
                    // The parent never writes; anything read is ignored.
                }
            } catch (IOException e) {
                // A broken pipe is a parent gone as well.
            }
            System.err.println(who + ": the parent process is gone; stopping");
            System.exit(PARENT_GONE_STATUS);
        }, "pollen-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
