package io.pollen.reactor.internal;

import io.pollen.reactor.spi.Interest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Plays the C side by writing pairs into the list's buffer, which a stand-in for JNI hands over. */
class ReadyListTest {
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private final ReadyList ready = new ReadyList(4, buffer -> {
        buffers.add(buffer);
        return buffers.size();
    });
    private final List<String> reported = new ArrayList<>();

    @Test
    void tokenPairsAreDeliveredAsWritten() {
        write(11, Interest.READ, 12, Interest.READ | Interest.WRITE);
        assertThat(ready.dispatch(2, this::record)).isEqualTo(2);
        assertThat(reported).containsExactly("11:1", "12:3");
    }

    @Test
    void keysResolveToTokensMaskedByInterestAndEmptyEntriesAreDropped() {
        int[] tokenByKey = {-1, 40, 41, 42};
        int[] interestByKey = {0, Interest.READ, Interest.WRITE, Interest.NONE};
        write(1, Interest.READ | Interest.WRITE, 2, Interest.READ, 3, Interest.READ);
        assertThat(ready.dispatch(3, tokenByKey, interestByKey, this::record)).isEqualTo(1);
        assertThat(reported).containsExactly("40:1");
    }

    @Test
    void whatAWaitFoundSurvivesAHandlerThatChangesTheTablesAndGrowsTheList() {
        int[] tokenByKey = {50, 51, 52};
        int[] interestByKey = {Interest.READ, Interest.READ, Interest.READ};
        write(0, Interest.READ, 1, Interest.READ, 2, Interest.READ);
        int delivered = ready.dispatch(3, tokenByKey, interestByKey, (token, ops) -> {
            record(token, ops);
            if (token == 50) {
                // What poll's handler may do: deregister (entries move) and register (arrays grow).
                Arrays.fill(tokenByKey, 99);
                Arrays.fill(interestByKey, Interest.NONE);
                ready.ensureCapacity(64);
            }
        });
        assertThat(delivered).isEqualTo(3);
        assertThat(reported).containsExactly("50:1", "51:1", "52:1");
        assertThat(ready.capacity()).isEqualTo(64);
        assertThat(ready.address()).as("the grown buffer's address").isEqualTo(2);
    }

    private void write(int... keysAndBits) {
        ByteBuffer pairs = buffers.get(buffers.size() - 1);
        for (int i = 0; i < keysAndBits.length; i++) {
            pairs.putInt(i * Integer.BYTES, keysAndBits[i]);
        }
    }

    private void record(int token, int ops) {
        reported.add(token + ":" + ops);
    }
}
