package io.pollen.reactor.tck;

import io.pollen.reactor.Backends;
import io.pollen.reactor.spi.PollerProvider;

/**
 * Run in a child JVM by {@link PollerDiscoveryConformance}: reports {@code available} or the
 * unavailability reason (with its causes) of the backend whose alias is the first argument, so that
 * a test can check what is decided once per JVM (kill switches, the native library's platform name).
 */
final class PrintAvailability {
    private PrintAvailability() {
    }

    /** @param args the backend's alias */
    public static void main(String[] args) {
        PollerProvider provider = Backends.find(args[0])
                .orElseThrow(() -> new IllegalStateException("no backend '" + args[0] + "' on the class path"));
        ChildJvm.report("availability", provider.unavailabilityCause().map(PrintAvailability::reasons).orElse("available"));
    }

    private static String reasons(Throwable cause) {
        StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            text.append("; caused by ").append(c.getMessage());
        }
        return text.toString().replace('\n', ' ');
    }
}
