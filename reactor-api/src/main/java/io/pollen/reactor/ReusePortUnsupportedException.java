package io.pollen.reactor;

/**
 * {@link ListenOptions#reusePort(boolean)} was asked for on a platform whose sockets have no
 * {@code SO_REUSEPORT} (the JDK does not offer it there, as on Windows). Pollen never binds without
 * the option instead: the processes meant to share the port would then fail to bind one by one, far
 * from the cause. Listen without the option and run one process per port.
 */
public class ReusePortUnsupportedException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was asked for, where, and what to do instead
     */
    public ReusePortUnsupportedException(String message) {
        super(message);
    }
}
