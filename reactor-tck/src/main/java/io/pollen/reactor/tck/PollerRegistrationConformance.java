package io.pollen.reactor.tck;

import io.pollen.reactor.Backends;
import io.pollen.reactor.spi.Interest;
import io.pollen.reactor.spi.PollerCapacityException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a poller takes and what it refuses: other JDK channels, channels it cannot watch, bad
 * arguments, and descriptor numbers up to (and beyond) the limit its
 * {@link io.pollen.reactor.spi.BackendCapabilities} states.
 */
public abstract class PollerRegistrationConformance extends PollerConformanceTest {
    /**
     * The first descriptor number {@code select(2)} cannot watch on Linux. A backend that states no
     * limit must hold numbers past it: that is the remedy select's refusal names.
     */
    private static final int FD_SETSIZE_ON_LINUX = 1024;
    /** Descriptors beyond the padding that the JVM, the pairs and the poller need. */
    private static final int DESCRIPTOR_MARGIN = 128;

    /** @param backend the backend under test */
    protected PollerRegistrationConformance(BackendUnderTest backend) {
        super(backend);
    }

    @Test
    void watchesOtherJdkChannelsSuchAsAPipe() throws IOException {
        Pipe pipe = Pipe.open();
        track(pipe.source());
        track(pipe.sink());
        pipe.source().configureBlocking(false);
        poller.register(pipe.source(), 9, Interest.READ);
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntilReady()).containsExactly(Map.entry(9, Interest.READ));
    }

    @Test
    void refusesAChannelItCannotWatchWithAnIoExceptionNamingIt() throws IOException {
        AbstractSelectableChannel foreign = new AbstractSelectableChannel(SelectorProvider.provider()) {
            @Override
            protected void implCloseSelectableChannel() {
            }

            @Override
            protected void implConfigureBlocking(boolean block) {
            }

            @Override
            public int validOps() {
                return SelectionKey.OP_READ;
            }
        };
        foreign.configureBlocking(false);
        assertThatThrownBy(() -> poller.register(foreign, 1, Interest.READ))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(foreign.getClass().getName());
        foreign.close();
    }

    @Test
    void refusesBadArguments() throws IOException {
        Pair pair = pair();
        assertThatThrownBy(() -> poller.register(pair.server(), 1, 1 << 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> poller.register(pair.server(), -1, Interest.READ))
                .isInstanceOf(IllegalArgumentException.class);
        poller.register(pair.server(), 1, Interest.READ);
        assertThatThrownBy(() -> poller.register(pair.server(), 1, Interest.READ))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> poller.modify(2, Interest.READ)).isInstanceOf(IllegalArgumentException.class);
        SocketChannel blocking = track(SocketChannel.open());
        assertThatThrownBy(() -> poller.register(blocking, 3, Interest.READ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configureBlocking(false)");
    }

    @Test
    void holdsDescriptorNumbersUpToItsStatedLimitAndRefusesOnlyThoseBeyond() throws IOException {
        OptionalInt limit = backend.capabilities().maxDescriptor();
        int high = limit.orElse(FD_SETSIZE_ON_LINUX);
        Pair low = pair();
        poller.register(low.server(), 1, Interest.READ);

        List<FileChannel> padding = occupyEveryDescriptorBelow(high);
        try {
            Set<Integer> before = OpenDescriptors.numbers();
            Pair beyond = pair();
            Set<Integer> added = OpenDescriptors.numbers();
            added.removeAll(before);
            assertThat(added).as("descriptors of the pair opened above the padding").allMatch(fd -> fd >= high);

            beyond.client().write(ByteBuffer.wrap(new byte[] {1}));
            low.client().write(ByteBuffer.wrap(new byte[] {1}));
            if (limit.isPresent()) {
                assertThatThrownBy(() -> poller.register(beyond.server(), 2, Interest.READ))
                        .isInstanceOf(PollerCapacityException.class)
                        .as("the refusal names the limit").hasMessageContaining(Integer.toString(high));
                assertThat(pollUntilReady()).as("the registration made before still works")
                        .containsExactly(Map.entry(1, Interest.READ));
            } else {
                poller.register(beyond.server(), 2, Interest.READ);
                assertThat(pollUntil(2)).containsOnly(Map.entry(1, Interest.READ), Map.entry(2, Interest.READ));
                poller.deregister(2);
            }
        } finally {
            for (FileChannel file : padding) {
                file.close();
            }
        }
        // What the engine does after a refusal: drop that connection and reuse its token at once.
        Pair again = pair();
        poller.register(again.server(), 2, Interest.READ);
        again.client().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(pollUntil(2)).containsEntry(1, Interest.READ).containsEntry(2, Interest.READ);
    }

    /** Opens files until every descriptor number below {@code high} is taken, so the next one is not. */
    private static List<FileChannel> occupyEveryDescriptorBelow(int high) throws IOException {
        long openFileLimit = Backends.openFileLimit();
        if (openFileLimit >= 0 && openFileLimit < high + DESCRIPTOR_MARGIN) {
            throw new AssertionError("this test opens descriptors numbered from " + high + " up, beyond the"
                    + " open-file limit of " + openFileLimit + "; raise it (ulimit -n " + (high + DESCRIPTOR_MARGIN) + ")");
        }
        // Each open takes the lowest free number, so this many fill every free number below high.
        List<FileChannel> padding = new ArrayList<>(high);
        try {
            for (int i = 0; i < high; i++) {
                padding.add(FileChannel.open(Path.of("/dev/null")));
            }
        } catch (IOException | RuntimeException e) {
            for (FileChannel file : padding) {
                file.close();
            }
            throw e;
        }
        return padding;
    }
}
