package io.pollen.reactor.tck;

import org.junit.jupiter.api.Nested;

/**
 * The {@link io.pollen.reactor.spi.Poller} contract, written once, at the level of one poller and
 * real loopback sockets. A backend module binds it in a few lines:
 *
 * <pre>{@code
 * class NioPollerTest extends PollerTestKit {
 *     NioPollerTest() {
 *         super(BackendAliases.NIO);
 *     }
 * }
 * }</pre>
 *
 * Pollers are opened through the {@link io.pollen.reactor.spi.PollerProvider} that discovery finds
 * for the alias, never by naming a backend's classes, so a third-party backend binds it the same
 * way. Each area is a nested class and adapts to the backend's
 * {@link io.pollen.reactor.spi.BackendCapabilities} (native code or not, a descriptor limit or not)
 * rather than being skipped. An unavailable backend fails the run.
 *
 * <p>Complements the {@link ReactorTestKit}: that suite drives a whole reactor; this one pins down
 * the SPI semantics the engine relies on (level-triggering, sticky wake-ups, errors as interested
 * bits, no allocation per wait).
 */
public abstract class PollerTestKit {
    private final BackendUnderTest backend;

    /**
     * @param alias the alias of the backend to test
     */
    protected PollerTestKit(String alias) {
        this.backend = BackendUnderTest.of(alias);
    }

    /** @return the backend under test */
    protected BackendUnderTest backend() {
        return backend;
    }

    @Nested
    class Discovery extends PollerDiscoveryConformance {
        Discovery() {
            super(PollerTestKit.this.backend);
        }
    }

    @Nested
    class Readiness extends PollerReadinessConformance {
        Readiness() {
            super(PollerTestKit.this.backend);
        }
    }

    @Nested
    class Registration extends PollerRegistrationConformance {
        Registration() {
            super(PollerTestKit.this.backend);
        }
    }

    @Nested
    class Wakeup extends PollerWakeupConformance {
        Wakeup() {
            super(PollerTestKit.this.backend);
        }
    }

    @Nested
    class Lifecycle extends PollerLifecycleConformance {
        Lifecycle() {
            super(PollerTestKit.this.backend);
        }
    }

    @Nested
    class Allocation extends PollerAllocationConformance {
        Allocation() {
            super(PollerTestKit.this.backend);
        }
    }
}
