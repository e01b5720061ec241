package io.pollen.reactor.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntByTokenTest {
    private static final int NO_FD = -1;
    private final IntByToken fdByToken = new IntByToken(NO_FD);

    @Test
    void unknownNegativeAndFarTokensReadAsAbsent() {
        assertThat(fdByToken.get(0)).isEqualTo(NO_FD);
        assertThat(fdByToken.get(-1)).isEqualTo(NO_FD);
        assertThat(fdByToken.get(1_000_000)).isEqualTo(NO_FD);
        assertThat(fdByToken.remove(1_000_000)).as("deregistering an unknown token").isEqualTo(NO_FD);
    }

    @Test
    void growsToTheLargestTokenAndKeepsEarlierValues() {
        fdByToken.put(3, 30);
        fdByToken.put(5000, 50);
        assertThat(fdByToken.get(3)).isEqualTo(30);
        assertThat(fdByToken.get(5000)).isEqualTo(50);
        assertThat(fdByToken.get(4999)).as("slots opened by growth are absent").isEqualTo(NO_FD);
    }

    @Test
    void removeFreesTheTokenForReuse() {
        fdByToken.put(7, 70);
        assertThat(fdByToken.remove(7)).isEqualTo(70);
        assertThat(fdByToken.get(7)).isEqualTo(NO_FD);
        fdByToken.requireAbsent(7);
        fdByToken.put(7, 71);
        assertThat(fdByToken.require(7)).isEqualTo(71);
    }

    @Test
    void refusesWhatPollerMethodsRefuse() {
        fdByToken.put(1, 10);
        assertThatThrownBy(() -> fdByToken.requireAbsent(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("token 1 is already registered; deregister it first");
        assertThatThrownBy(() -> fdByToken.require(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token 2 is not registered");
    }
}
