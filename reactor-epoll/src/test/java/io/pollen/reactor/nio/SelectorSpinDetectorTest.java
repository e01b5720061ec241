package io.pollen.reactor.nio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SelectorSpinDetectorTest {
    private static final long TIMEOUT = 1_000_000_000L;

    @Test
    void asksForARebuildAfterTheThresholdOfPrematureReturnsInARow() {
        SelectorSpinDetector detector = new SelectorSpinDetector(3);
        assertThat(detector.onWait(TIMEOUT, 1_000, 0, false)).isFalse();
        assertThat(detector.onWait(TIMEOUT, 1_000, 0, false)).isFalse();
        assertThat(detector.onWait(TIMEOUT, 1_000, 0, false)).isTrue();
        assertThat(detector.onWait(TIMEOUT, 1_000, 0, false)).as("the count restarts").isFalse();
    }

    @Test
    void realWaitsKeysAndWakeupsAreNotPremature() {
        SelectorSpinDetector detector = new SelectorSpinDetector(2);
        detector.onWait(TIMEOUT, 1_000, 0, false);
        assertThat(detector.onWait(TIMEOUT, 1_000, 1, false)).as("a key resets").isFalse();
        detector.onWait(TIMEOUT, 1_000, 0, false);
        assertThat(detector.onWait(TIMEOUT, 1_000, 0, true)).as("a wake-up resets").isFalse();
        detector.onWait(TIMEOUT, 1_000, 0, false);
        assertThat(detector.onWait(TIMEOUT, TIMEOUT, 0, false)).as("a full wait resets").isFalse();
        assertThat(detector.onWait(0, 10, 0, false)).as("a non-blocking poll is never premature").isFalse();
        assertThat(detector.onWait(0, 10, 0, false)).isFalse();
    }
}
