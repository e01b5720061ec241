package io.pollen.reactor.internal;

import java.io.IOException;
import java.util.Locale;

/**
 * The one way a native backend decides, once per JVM, whether it works: honour its kill-switch
 * property, require Linux, then run a probe that loads the library and really calls the mechanism.
 * Each backend's availability class ({@code Epoll}, {@code Poll}, {@code Select}) keeps the answer
 * in a static field and offers it through {@code isAvailable()}, {@code ensureAvailability()} and
 * {@code unavailabilityCause()}. Stateless; safe from any thread.
 */
public final class NativeAvailability {

    /** The work of a probe: load the library and make one real call; any failure is the answer. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @throws IOException if a system call fails
         */
        void run() throws IOException;
    }

    private NativeAvailability() {
    }

    /**
     * @param alias            the backend's alias, for messages
     * @param mechanism        the system call, e.g. {@code "epoll(7)"}, for messages
     * @param disabledProperty the kill-switch property; {@code true} disables the backend
     * @param probe            loads the library and calls the mechanism once
     * @return null if the backend works, else why not
     */
    public static Throwable probe(String alias, String mechanism, String disabledProperty, Probe probe) {
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

    /**
     * Throws the reason a backend does not work, if it does not.
     *
     * @param alias the backend's alias, for the message
     * @param cause what {@link #probe} returned
     * @throws UnsatisfiedLinkError carrying {@code cause}
     */
    public static void ensure(String alias, Throwable cause) {
        if (cause != null) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("the " + alias + " backend is unavailable: "
                    + cause.getMessage());
            error.initCause(cause);
            throw error;
        }
    }
}
