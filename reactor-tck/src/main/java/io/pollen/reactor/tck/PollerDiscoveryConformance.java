package io.pollen.reactor.tck;

import io.pollen.reactor.Backends;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.PollerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a backend is found and whether it runs: discovery by alias, and what decides availability once
 * per JVM. A backend with native code can be switched off and says why it cannot load; one without
 * runs wherever the JDK does. Both are checked in child JVMs, since the decision is cached.
 */
public abstract class PollerDiscoveryConformance extends PollerConformanceTest {
    /** An architecture no build covers: what a user on an unsupported platform has. */
    private static final String UNKNOWN_ARCH = "pollen_test_arch";

    /** @param backend the backend under test */
    protected PollerDiscoveryConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void discoveryFindsTheBackendUnderItsAliasAvailable() {
        PollerProvider found = Backends.find(backend.alias()).orElseThrow();
        assertThat(found.alias()).isEqualTo(backend.alias());
        assertThat(found.unavailabilityCause()).as("the backend must run on this machine").isEmpty();
        assertThat(found.isAvailable()).isTrue();
        assertThat(found.capabilities()).isEqualTo(backend.capabilities());
        assertThat(Backends.choose(backend.alias()).provider().alias()).isEqualTo(backend.alias());
    }

    @Test
    void theKillSwitchTurnsANativeBackendOffWithAReasonAndTheJdkBackendIsAlwaysThere() {
        String property = "pollen." + backend.alias() + ".disabled";
        String availability = availabilityInChildJvm("-D" + property + "=true");
        if (backend.capabilities().nativeCode()) {
            assertThat(availability).contains(backend.alias() + " is disabled by -D" + property + "=true");
        } else {
            // The fallback that auto relies on has no switch: it needs nothing that could be missing.
            assertThat(availability).isEqualTo("available");
        }
    }

    @Test
    void onAnArchitectureWithoutABuiltLibraryANativeBackendIsOffWithAReason() {
        String availability = availabilityInChildJvm("-Dos.arch=" + UNKNOWN_ARCH);
        if (backend.capabilities().nativeCode()) {
            // What a user on a platform the build did not cover sees: each attempt, and a way out.
            String library = "pollen_" + backend.alias() + "_linux_" + UNKNOWN_ARCH;
            assertThat(availability)
                    .contains("could not load native library " + library)
                    .contains("java.library.path")
                    .contains("META-INF/native/" + System.mapLibraryName(library))
                    .contains("choose the " + BackendAliases.NIO + " backend");
        } else {
            assertThat(availability).as("a backend without native code runs on any architecture").isEqualTo("available");
        }
    }

    private String availabilityInChildJvm(String option) {
        ChildJvm.Result child = ChildJvm.plain().option(option).run(PrintAvailability.class, backend.alias());
        assertThat(child.exitCode()).as("%s", child).isZero();
        return child.finding("availability");
    }
}
