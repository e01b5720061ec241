package io.pollen.examples.loadgen;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code --processes} divides a run: together the children run exactly the plan. */
class LoadSharesTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7000);

    private static LoadPlan plan(int clients, int rate, List<InetAddress> sources) {
        return new LoadPlan(SERVER, clients, rate, Duration.ofSeconds(1), Duration.ofSeconds(10), sources, 2,
                ClientIds.prefixed("c-", null));
    }

    @Test
    void clientsAndRateAddUpWithTheRemainderOnTheFirstChildren() {
        List<LoadPlan> shares = LoadShares.of(plan(10, 7, List.of()), 3);

        assertThat(shares).extracting(LoadPlan::clients).containsExactly(4, 3, 3);
        assertThat(shares).extracting(LoadPlan::connectRate).containsExactly(3, 2, 2);
        assertThat(shares).allSatisfy(share -> {
            assertThat(share.server()).isEqualTo(SERVER);
            assertThat(share.duration()).isEqualTo(Duration.ofSeconds(10));
            assertThat(share.retries()).isEqualTo(2);
        });
    }

    @Test
    void helloIdsContinueFromOneChildToTheNextSoEveryIdIsClaimedOnce() {
        List<LoadPlan> shares = LoadShares.of(plan(10, 10, List.of()), 3);

        assertThat(shares).extracting(share -> share.ids().firstIndex()).containsExactly(0, 4, 7);
        assertThat(shares.get(1).ids().idOf(0)).isEqualTo("c-4");
        assertThat(shares.get(2).ids().idOf(2)).isEqualTo("c-9");
    }

    @Test
    void sourceAddressesAreDealtOutWithoutSharingWhenThereAreEnough() throws Exception {
        List<InetAddress> sources = List.of(ip("127.0.0.2"), ip("127.0.0.3"), ip("127.0.0.4"), ip("127.0.0.5"), ip("127.0.0.6"));

        List<LoadPlan> shares = LoadShares.of(plan(10, 10, sources), 2);

        assertThat(shares.get(0).sourceIps()).containsExactly(ip("127.0.0.2"), ip("127.0.0.4"), ip("127.0.0.6"));
        assertThat(shares.get(1).sourceIps()).containsExactly(ip("127.0.0.3"), ip("127.0.0.5"));
    }

    @Test
    void withFewerSourceAddressesThanChildrenEachChildTakesOne() throws Exception {
        List<LoadPlan> shares = LoadShares.of(plan(10, 10, List.of(ip("127.0.0.2"), ip("127.0.0.3"))), 3);

        assertThat(shares).extracting(LoadPlan::sourceIps)
                .containsExactly(List.of(ip("127.0.0.2")), List.of(ip("127.0.0.3")), List.of(ip("127.0.0.2")));
        assertThat(LoadShares.of(plan(10, 10, List.of()), 3)).allSatisfy(share -> assertThat(share.sourceIps()).isEmpty());
    }

    @Test
    void aChildWithoutAClientOrAConnectionPerSecondIsRefused() {
        assertThatThrownBy(() -> LoadShares.of(plan(2, 10, List.of()), 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over 3 processes");
        assertThatThrownBy(() -> LoadShares.of(plan(10, 2, List.of()), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
