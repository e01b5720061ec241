package io.pollen.reactor.nio;

import io.pollen.reactor.BackendChoice;
import io.pollen.reactor.Backends;
import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.spi.PollerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery with this module's backends on the class path. */
class BackendDiscoveryTest {

    @Test
    void autoChoosesTheBestAvailableAndTheReportExplainsEveryOther() {
        BackendChoice choice = Backends.choose(BackendAliases.AUTO);
        String expected = Backends.installed().stream().filter(PollerProvider::isAvailable)
                .findFirst().orElseThrow().alias();

        assertThat(choice.provider().alias()).isEqualTo(expected);
        assertThat(choice.report())
                .startsWith("pollen backend " + expected + " (requested auto)")
                .contains("select: not on the class path")
                .containsPattern("open-file limit \\d+");
    }

    @Test
    void nioCanAlwaysBeChosenByName() {
        assertThat(Backends.choose(BackendAliases.NIO).provider()).isInstanceOf(NioPollerProvider.class);
    }

    @Test
    void theSystemPropertyChoosesWhenTheApplicationDoesNot() {
        String previous = System.getProperty(BackendAliases.BACKEND_PROPERTY);
        System.setProperty(BackendAliases.BACKEND_PROPERTY, BackendAliases.NIO);
        try {
            assertThat(Backends.choose(null).provider().alias()).isEqualTo(BackendAliases.NIO);
            assertThat(Backends.choose(null).requested()).isEqualTo(BackendAliases.NIO);
        } finally {
            if (previous == null) {
                System.clearProperty(BackendAliases.BACKEND_PROPERTY);
            } else {
                System.setProperty(BackendAliases.BACKEND_PROPERTY, previous);
            }
        }
    }
}
