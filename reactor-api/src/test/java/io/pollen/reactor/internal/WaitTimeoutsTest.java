package io.pollen.reactor.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitTimeoutsTest {

    /** Rounding up keeps the loop from waking just before a timer deadline and spinning until it. */
    @Test
    void timeoutsRoundUpToWholeMilliseconds() {
        assertThat(WaitTimeouts.millisRoundedUp(-1)).isEqualTo(-1);
        assertThat(WaitTimeouts.millisRoundedUp(0)).isZero();
        assertThat(WaitTimeouts.millisRoundedUp(1)).isEqualTo(1);
        assertThat(WaitTimeouts.millisRoundedUp(1_000_000)).isEqualTo(1);
        assertThat(WaitTimeouts.millisRoundedUp(1_000_001)).isEqualTo(2);
        assertThat(WaitTimeouts.millisRoundedUp(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }
}
