package io.pollen.examples.supervisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {
    @Test
    void deathsInARowWaitLongerUpToHalfAMinute() {
        RestartBackoff backoff = new RestartBackoff();
        Duration quick = Duration.ofMillis(200);

        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.afterDeath(quick)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWorkerThatStayedUpAMinuteIsRestartedAfterOneSecondAgain() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.afterDeath(Duration.ZERO);
        backoff.afterDeath(Duration.ZERO);

        assertThat(backoff.afterDeath(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.afterDeath(Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    }
}
