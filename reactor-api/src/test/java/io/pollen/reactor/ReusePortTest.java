package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where sockets have no {@code SO_REUSEPORT}, asking for it is a typed error, never a bind without it.
 * (Sharing a port for real is in the test kit's {@code ReusePortConformance}, on every backend.)
 */
class ReusePortTest {
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 7000);

    @Test
    void listenOptionsDefaultToAPortOfItsOwn() {
        assertThat(new ListenOptions().reusePort()).isEqualTo(ListenOptions.DEFAULT_REUSE_PORT).isFalse();
        assertThat(new ListenOptions().reusePort(true).reusePort()).isTrue();
    }

    @Test
    void socketsWithoutTheOptionRefuseItNamingTheAddressAndTheWayOut() {
        Set<SocketOption<?>> withoutReusePort = Set.of(StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_RCVBUF);

        assertThatThrownBy(() -> ReusePort.requireSupported(withoutReusePort, ADDRESS))
                .isInstanceOf(ReusePortUnsupportedException.class)
                .hasMessageContaining("SO_REUSEPORT").hasMessageContaining(ADDRESS.toString())
                .hasMessageContaining("listen without ListenOptions.reusePort");
    }

    @Test
    void socketsWithTheOptionAreLetThrough() {
        assertThatCode(() -> ReusePort.requireSupported(Set.of(StandardSocketOptions.SO_REUSEPORT), ADDRESS))
                .doesNotThrowAnyException();
    }
}
