package io.pollen.reactor.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeWakeupTest {
    private final List<String> calls = new ArrayList<>();
    private final NativeWakeup wakeup = new NativeWakeup("test poller", 42,
            fd -> { calls.add("signal " + fd); return 0; },
            fd -> { calls.add("close " + fd); return 0; });

    @Test
    void aWakeupAfterCloseNeverTouchesTheReleasedDescriptor() {
        wakeup.wakeup();
        assertThat(wakeup.close()).isTrue();
        wakeup.wakeup();
        assertThat(wakeup.close()).as("a second close").isFalse();

        assertThat(calls).containsExactly("signal 42", "close 42");
        assertThat(wakeup.isClosed()).isTrue();
    }

    @Test
    void aClosedWakeupMakesItsPollerRefuseWorkByName() throws IOException {
        wakeup.ensureOpen();
        wakeup.close();
        assertThatThrownBy(wakeup::ensureOpen).isInstanceOf(IOException.class)
                .hasMessage("this test poller is closed; open a new one");
    }
}
