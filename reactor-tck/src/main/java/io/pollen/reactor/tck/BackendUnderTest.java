package io.pollen.reactor.tck;

import io.pollen.reactor.Backends;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.ReactorBuilder;
import io.pollen.reactor.spi.BackendCapabilities;
import io.pollen.reactor.spi.Poller;
import io.pollen.reactor.spi.PollerProvider;

import java.io.IOException;

/**
 * The backend a conformance run binds to, found by its alias through discovery, with what it can
 * hold, so tests adapt to it instead of forking per backend. Tests reach it only through the public
 * API: reactors by alias, pollers through its {@link PollerProvider}, never by naming its classes.
 *
 * <p>Resolving an unavailable backend fails the test run: a backend that cannot load is a failure
 * to report, never a reason to skip. Immutable; safe from any thread.
 */
public final class BackendUnderTest {
    /** Descriptors kept free for the JVM, the test's own files and the listening sockets. */
    private static final int DESCRIPTOR_MARGIN = 64;

    private final PollerProvider provider;

    private BackendUnderTest(PollerProvider provider) {
        this.provider = provider;
    }

    /**
     * @param alias a backend alias
     * @return the backend, checked to be installed and available
     * @throws AssertionError naming why the backend cannot run
     */
    public static BackendUnderTest of(String alias) {
        PollerProvider provider = Backends.find(alias).orElseThrow(() -> new AssertionError(
                "backend '" + alias + "' is not on the test class path"));
        provider.unavailabilityCause().ifPresent(cause -> {
            throw new AssertionError("backend '" + alias + "' is unavailable: " + cause, cause);
        });
        return new BackendUnderTest(provider);
    }

    /** @return the backend's alias */
    public String alias() {
        return provider.alias();
    }

    /** @return what the backend can hold */
    public BackendCapabilities capabilities() {
        return provider.capabilities();
    }

    /** @return the provider that discovery found for the alias */
    public PollerProvider provider() {
        return provider;
    }

    /**
     * @return a new poller of this backend, owned by the caller's thread
     * @throws IOException if the system refuses one
     */
    public Poller openPoller() throws IOException {
        return provider.open();
    }

    /** @return a builder for a reactor on this backend, with two loops */
    public ReactorBuilder reactorBuilder() {
        return Reactor.builder().backend(alias()).threads(2).threadNamePrefix("tck");
    }

    /**
     * How many loopback connections (two descriptors each, both ends in this JVM) a test may open.
     *
     * @param wanted what the test would like
     * @return {@code wanted}, or fewer when the backend refuses high descriptor numbers
     */
    public int connectionBudget(int wanted) {
        if (capabilities().maxDescriptor().isEmpty()) {
            return wanted;
        }
        int free = capabilities().maxDescriptor().getAsInt() - (int) OpenDescriptors.count() - DESCRIPTOR_MARGIN;
        return Math.max(1, Math.min(wanted, free / 2));
    }

    @Override
    public String toString() {
        return alias();
    }
}
