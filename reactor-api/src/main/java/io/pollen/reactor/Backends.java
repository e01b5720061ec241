package io.pollen.reactor;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.PollerProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backend discovery: finds the {@link PollerProvider}s on the class path and chooses one by alias,
 * by the system property {@value BackendAliases#BACKEND_PROPERTY}, or {@code auto} (the best
 * available, in {@link BackendAliases#AUTO_PREFERENCE} order).
 *
 * <p>A backend asked for by name that cannot run is an error ({@link BackendUnavailableException}),
 * never a silent fallback; {@code auto} falls back and its report says why. Safe from any thread.
 */
public final class Backends {

    private static final Set<String> BROKEN_PROVIDERS_REPORTED = ConcurrentHashMap.newKeySet();

    private Backends() {
    }

    /** @return every provider on the class path, best first, available or not */
    public static List<PollerProvider> installed() {
        List<PollerProvider> providers = new ArrayList<>();
        Iterator<PollerProvider> it = ServiceLoader.load(PollerProvider.class, Backends.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                // A listed provider that cannot even be instantiated is a broken jar: say so, keep the rest.
                reportBrokenProvider(e);
            }
        }
        providers.sort(Comparator.comparingInt(p -> preferenceRank(p.alias())));
        return providers;
    }

    /**
     * @param alias a backend alias
     * @return the installed provider of that alias, available or not
     */
    public static Optional<PollerProvider> find(String alias) {
        return installed().stream().filter(p -> p.alias().equals(alias)).findFirst();
    }

    /**
     * Chooses a backend.
     *
     * @param requested an alias, {@code auto}, or null to read {@value BackendAliases#BACKEND_PROPERTY}
     *                  (itself defaulting to {@code auto})
     * @return the choice with its report
     * @throws BackendUnavailableException if a named backend is missing or unavailable, or if no
     *                                     backend at all is available
     */
    public static BackendChoice choose(String requested) {
        String wanted = requested != null ? requested
                : System.getProperty(BackendAliases.BACKEND_PROPERTY, BackendAliases.AUTO);
        List<PollerProvider> providers = installed();
        PollerProvider chosen = BackendAliases.AUTO.equals(wanted)
                ? providers.stream().filter(PollerProvider::isAvailable).findFirst()
                        .orElseThrow(() -> new BackendUnavailableException(
                                "no Pollen backend is available; installed: " + describe(providers, null), null))
                : named(wanted, providers);
        return new BackendChoice(chosen, wanted, report(chosen, wanted, providers));
    }

    private static PollerProvider named(String alias, List<PollerProvider> providers) {
        PollerProvider provider = providers.stream().filter(p -> p.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new BackendUnavailableException("backend '" + alias
                        + "' is not on the class path" + remedy(alias) + "; installed: "
                        + describe(providers, null), null));
        Optional<Throwable> cause = provider.unavailabilityCause();
        if (cause.isPresent()) {
            throw new BackendUnavailableException("backend '" + alias + "' is unavailable: "
                    + causeText(cause.get()) + "; installed: " + describe(providers, null), cause.get());
        }
        return provider;
    }

    private static String remedy(String alias) {
        String artifact = BackendAliases.artifactOf(alias);
        return artifact == null ? "" : " (add " + artifact + ")";
    }

    private static String report(PollerProvider chosen, String requested, List<PollerProvider> providers) {
        return "pollen backend " + chosen.alias() + " (requested " + requested + "); others: "
                + describe(providers, chosen) + "; open-file limit " + openFileLimitText();
    }

    private static String describe(List<PollerProvider> providers, PollerProvider chosen) {
        List<String> parts = new ArrayList<>();
        for (PollerProvider p : providers) {
            if (p == chosen) {
                continue;
            }
            Optional<Throwable> cause = p.unavailabilityCause();
            parts.add(p.alias() + ": " + (cause.isPresent() ? "unavailable (" + causeText(cause.get()) + ")"
                    : chosen == null ? "available" : "available, not chosen"));
        }
        for (String alias : BackendAliases.AUTO_PREFERENCE) {
            if (providers.stream().noneMatch(p -> p.alias().equals(alias))) {
                parts.add(alias + ": not on the class path");
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /**
     * A cause in one line: the exception's simple name and message, without a stack trace.
     *
     * @param cause a failure
     * @return its one-line description
     */
    static String causeText(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** @return the process's open-file limit as text, or "unknown" where the platform does not say */
    static String openFileLimitText() {
        long limit = openFileLimit();
        return limit < 0 ? "unknown" : Long.toString(limit);
    }

    /** @return the process's open-file limit (RLIMIT_NOFILE), or -1 if unknown */
    public static long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static void reportBrokenProvider(ServiceConfigurationError e) {
        if (BROKEN_PROVIDERS_REPORTED.add(String.valueOf(e.getMessage()))) {
            System.getLogger(Backends.class.getName()).log(System.Logger.Level.WARNING,
                    "a Pollen backend provider could not be loaded and is ignored: " + causeText(e));
        }
    }

    private static int preferenceRank(String alias) {
        int rank = BackendAliases.AUTO_PREFERENCE.indexOf(alias);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }
}
