package io.pollen.reactor.internal;

import java.io.IOException;
import java.util.Locale;

/**
 * Whether one native backend works in this JVM, decided once, at construction: honour its
 * kill-switch property, require Linux, then run a probe that loads the library and really calls the
 * mechanism. Each backend's class of that name ({@code Epoll}, {@code Poll}, {@code Select}) holds
 * one in a static field; the backend's provider ({@link NativePollerProvider}) offers the answer to
 * applications and its poller ({@link NativePoller}) refuses to open without it, both written once.
 *
 * <p>Immutable once constructed; safe from any thread.
 */
public final class NativeAvailability {
    private final String alias;
    private final Throwable cause;

    /** The work of a probe, once the library is loaded: one real call; any failure is the answer. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @throws IOException if a system call fails
         */
        void run() throws IOException;
    }

    /**
     * Decides now for a JNI backend: loads its library, then runs the probe, unless the property or
     * the operating system rules it out.
     *
     * @param alias            the backend's alias, for messages
     * @param mechanism        the system call, e.g. {@code "epoll(7)"}, for messages
     * @param disabledProperty the kill-switch property; {@code true} disables the backend
     * @param library          the JNI library's base name, for {@link NativeLibraryLoader#load}
     * @param natives          the class that declares the library's natives (and ships it)
     * @param probe            calls the mechanism once, after the library is loaded
     */
    public NativeAvailability(String alias, String mechanism, String disabledProperty, String library,
                              Class<?> natives, Probe probe) {
        this(alias, mechanism, disabledProperty, () -> {
            NativeLibraryLoader.load(library, natives);
            probe.run();
        });
    }

    /**
     * Decides now, running the probe unless the property or the operating system rules it out.
     *
     * @param alias            the backend's alias, for messages
     * @param mechanism        the system call, e.g. {@code "epoll(7)"}, for messages
     * @param disabledProperty the kill-switch property; {@code true} disables the backend
     * @param probe            does all the work of deciding: loading and a real call
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
