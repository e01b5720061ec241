package io.pollen.examples.server;

import io.pollen.reactor.OverloadReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per reason per interval, with the count since the last line. */
class RefusalLogTest {
    private static final long INTERVAL = 10_000;
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RefusalLog log = new RefusalLog(lines::add, now::get, INTERVAL);

    @Test
    void theFirstRefusalIsWrittenAtOnceTheRestOfTheIntervalIsCountedIntoTheNextLine() {
        log.onOverload(OverloadReason.BACKEND_CAPACITY, "fd 1031 is beyond select(2)'s FD_SETSIZE of 1024");
        for (int i = 0; i < 36; i++) {
            now.addAndGet(INTERVAL / 100);
            log.onOverload(OverloadReason.BACKEND_CAPACITY, "fd " + (1032 + i) + " is beyond select(2)'s FD_SETSIZE of 1024");
        }
        assertThat(lines).containsExactly("pollen: refused 1 connection(s) since the last report (backend_capacity): "
                + "fd 1031 is beyond select(2)'s FD_SETSIZE of 1024; remedy: use --backend poll or epoll");

        now.addAndGet(INTERVAL);
        log.onOverload(OverloadReason.BACKEND_CAPACITY, "fd 1099 is beyond select(2)'s FD_SETSIZE of 1024");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("pollen: refused 37 connection(s) since the last report (backend_capacity): fd 1099");
    }

    @Test
    void eachReasonHasItsOwnInterval() {
        log.onOverload(OverloadReason.BACKEND_CAPACITY, "fd 1031");
        log.onOverload(OverloadReason.DESCRIPTORS_EXHAUSTED, "accept failed");
        log.onOverload(OverloadReason.BACKEND_CAPACITY, "fd 1032");
        log.onOverload(OverloadReason.DESCRIPTORS_EXHAUSTED, "accept failed");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("(backend_capacity)");
        assertThat(lines.get(1)).contains("(descriptors_exhausted)").endsWith("remedy: raise the open-file limit (ulimit -n)");
    }
}
