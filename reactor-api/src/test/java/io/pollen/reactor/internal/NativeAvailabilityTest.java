package io.pollen.reactor.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins {@code os.name}, which the decision reads, so that these tests run the same on any machine. */
class NativeAvailabilityTest {
    private static final String PROPERTY = "pollen.availabilitytest.disabled";
    private static final NativeAvailability.Probe MUST_NOT_RUN = () -> {
        throw new AssertionError("the probe loads the library; it must not run here");
    };

    private final String osName = System.getProperty("os.name");

    @BeforeEach
    void onLinux() {
        System.setProperty("os.name", "Linux");
    }

    @AfterEach
    void restore() {
        System.setProperty("os.name", osName);
        System.clearProperty(PROPERTY);
    }

    @Test
    void aProbeThatPassesMakesTheBackendAvailable() {
        NativeAvailability availability = new NativeAvailability("test", "test(2)", PROPERTY, () -> { });
        assertThat(availability.isAvailable()).isTrue();
        assertThat(availability.cause()).isNull();
        availability.ensure();
    }

    @Test
    void aFailedProbeIsTheCauseAndEnsureThrowsIt() {
        IOException refused = new IOException("test_create failed: Operation not permitted (errno 1)");
        NativeAvailability availability = new NativeAvailability("test", "test(2)", PROPERTY, () -> {
            throw refused;
        });
        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.cause()).isSameAs(refused);
        assertThatThrownBy(availability::ensure).isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessage("the test backend is unavailable: " + refused.getMessage())
                .hasCause(refused);
    }

    @Test
    void theKillSwitchWinsWithoutRunningTheProbe() {
        System.setProperty(PROPERTY, "true");
        NativeAvailability availability = new NativeAvailability("test", "test(2)", PROPERTY, MUST_NOT_RUN);
        assertThat(availability.cause()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("test is disabled by -D" + PROPERTY + "=true");
    }

    @Test
    void anotherOperatingSystemIsRefusedWithoutRunningTheProbe() {
        System.setProperty("os.name", "Mac OS X");
        NativeAvailability availability = new NativeAvailability("test", "test(2)", PROPERTY, MUST_NOT_RUN);
        assertThat(availability.cause()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("test(2) is built for Linux only, not for Mac OS X");
    }
}
