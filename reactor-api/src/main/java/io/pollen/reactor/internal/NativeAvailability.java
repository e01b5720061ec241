package io.pollen.reactor.internal;

import java.io.IOException;
import java.util.Locale;

/**
 * Whether one native backend works in this JVM, decided once, at construction: honour its
 * kill-switch property, require Linux, then run a probe that loads the library and really calls the
 * mechanism. Each backend's availability class ({@code Epoll}, {@code Poll}, {@code Select}) holds
 * one in a static field and offers it through {@code isAvailable()}, {@code ensureAvailability()} and
 * {@code unavailabilityCause()}.
 *
 * <p>Immutable once constructed; safe from any thread.
 */
public final class NativeAvailability {
    private final String alias;
    private final Throwable cause;

    /** The work of a probe: load the library and make one real call; any failure is the answer. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @throws IOException if a system call fails
         */
        void run() throws IOException;
    }

    /**
     * Decides now, running the probe unless the property or the operating system rules it out.
     *
     * @param alias            the backend's alias, for messages
     * @param mechanism        the system call, e.g. {@code "epoll(7)"}, for messages
     * @param disabledProperty the kill-switch property; {@code true} disables the backend
     * @param probe            loads the library and calls the mechanism once
     */
    public NativeAvailability(String alias, String mechanism, String disabledProperty, Probe probe) {
        this.alias = alias;
        this.cause = probe(alias, mechanism, disabledProperty, probe);
    }

    private static Throwable probe(String alias, String mechanism, String disabledProperty, Probe probe) {
        if (Boolean.getBoolean(disabledProperty)) {
            return new UnsupportedOperationException(alias + " is disabled by -D" + disabledProperty + "=true");
        }
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new UnsupportedOperationException(mechanism + " is built for Linux only, not for " + os);
        }
        try {
            probe.run();
            return null;
        } catch (IOException | LinkageError | SecurityException | UnsupportedOperationException e) {
            // A missing library or a refused system call is the answer to "is it available?".
            return e;
        }
    }

    /** @return true if the backend's pollers can be opened */
    public boolean isAvailable() {
        return cause == null;
    }

    /**
     * Throws the reason the backend does not work, if it does not.
     *
     * @throws UnsatisfiedLinkError carrying {@link #cause()}
     */
    public void ensure() {
        if (cause != null) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("the " + alias + " backend is unavailable: "
                    + cause.getMessage());
            error.initCause(cause);
            throw error;
        }
    }

    /** @return why the backend does not work, or null if it does */
    public Throwable cause() {
        return cause;
    }
}
