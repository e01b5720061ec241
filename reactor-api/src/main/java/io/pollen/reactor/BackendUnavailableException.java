package io.pollen.reactor;

/**
 * The backend asked for by name cannot run here. The message says why (a missing native library, a
 * kill switch, an unsupported system) and which backends are available; the cause is the original
 * failure. Pollen never falls back silently from a backend chosen by name.
 */
public class BackendUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is unavailable, why, and what to use instead
     * @param cause   the underlying failure, or null
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
