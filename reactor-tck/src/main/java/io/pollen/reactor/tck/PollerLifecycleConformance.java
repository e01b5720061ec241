package io.pollen.reactor.tck;

import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.Poller;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening and closing: a closed poller refuses work, and closing gives back what opening took. */
public abstract class PollerLifecycleConformance extends PollerConformanceTest {

    /** @param backend the backend under test */
    protected PollerLifecycleConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void aClosedPollerRefusesWorkAndIgnoresWakeups() throws IOException {
        Pair pair = pair();
        poller.close();
        poller.wakeup();
        poller.close();
        assertThatThrownBy(() -> poller.register(pair.server(), 1, Interest.READ))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> poller.poll(0, (token, ops) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void closingReleasesEveryDescriptorThePollerOpened() throws IOException {
        long before = OpenDescriptors.count();
        for (int i = 0; i < 20; i++) {
            Poller another = backend.openPoller();
            another.wakeup();
            another.close();
        }
        assertThat(OpenDescriptors.count()).isEqualTo(before);
    }

    @Test
    void closingLeavesTheRegisteredChannelsOpen() throws IOException {
        Pair pair = pair();
        poller.register(pair.server(), 1, Interest.READ);
        poller.close();
        assertThat(pair.server().isOpen()).isTrue();
        assertThat(pair.client().isOpen()).isTrue();
    }
}
