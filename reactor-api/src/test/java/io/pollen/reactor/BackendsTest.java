package io.pollen.reactor;

import io.pollen.reactor.spi.BackendAliases;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** reactor-api alone has no backend on its class path: discovery must say so, never guess. */
class BackendsTest {

    @Test
    void aNamedBackendThatIsNotInstalledIsAnErrorNamingTheModule() {
        assertThatThrownBy(() -> Backends.choose(BackendAliases.EPOLL))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'epoll' is not on the class path")
                .hasMessageContaining("(add io.pollen:pollen-reactor-epoll)");
    }

    @Test
    void theNioBackendIsNamedByTheModuleThatReallyShipsIt() {
        assertThatThrownBy(() -> Backends.choose(BackendAliases.NIO))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'nio' is not on the class path (add io.pollen:pollen-reactor-epoll)");
    }

    @Test
    void autoWithNothingInstalledFailsAndListsWhatIsMissing() {
        assertThatThrownBy(() -> Backends.choose(BackendAliases.AUTO))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no Pollen backend is available")
                .hasMessageContaining("select: not on the class path");
    }

    @Test
    void theOpenFileLimitIsKnownOnLinux() {
        assertThat(Backends.openFileLimit()).isPositive();
    }
}
