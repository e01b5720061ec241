package io.pollen.session.rest;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestGatewayConfigTest {

    @Test
    void onlyLoopbackAddressesGoWithoutAToken() throws Exception {
        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("::1"))).isFalse();

        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("0.0.0.0"))).isTrue();
        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("::"))).isTrue();
        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(RestGatewayConfig.requiresToken(InetAddress.getByName("192.168.0.10"))).isTrue();
    }

    @Test
    void theDefaultsBindLoopbackAndValidate() {
        RestGatewayConfig config = new RestGatewayConfig().conclude();

        assertThat(config.bindAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(config.bearerToken()).isNull();
        assertThat(config.defaultPageLimit()).isEqualTo(100);
        assertThat(config.maxPageLimit()).isEqualTo(1000);
        assertThat(config.threads()).isEqualTo(16);
        assertThat(config.acceptBacklog()).isEqualTo(1024);
        assertThat(config.clusterTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void aNonLoopbackAddressWithoutATokenIsRefusedWithWhatToDo() {
        RestGatewayConfig config = new RestGatewayConfig().bindAddress(new InetSocketAddress("10.1.2.3", 8080));

        assertThatThrownBy(config::conclude)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the REST gateway would listen on /10.1.2.3:8080, which is not a loopback address, "
                        + "without a bearer token: set one with RestGatewayConfig.bearerToken(...), or bind 127.0.0.1");
        assertThat(config.bearerToken("abc123").conclude()).isSameAs(config);
    }

    @Test
    void aTokenMustBeUsableInAnAuthorizationHeader() {
        for (String bad : new String[] {"", "two words", "quote\"", "line\nbreak", "=leading"}) {
            assertThatThrownBy(() -> new RestGatewayConfig().bearerToken(bad).conclude())
                    .as("token %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RFC 6750");
        }
        new RestGatewayConfig().bearerToken("aZ09-._~+/==").conclude();
    }

    @Test
    void limitsAndThreadsAreChecked() {
        assertThatThrownBy(() -> new RestGatewayConfig().threads(0).conclude())
                .hasMessage("threads must be from 1 to 64: 0");
        assertThatThrownBy(() -> new RestGatewayConfig().acceptBacklog(0).conclude())
                .hasMessage("acceptBacklog must be at least 1: 0");
        assertThatThrownBy(() -> new RestGatewayConfig().clusterTimeout(java.time.Duration.ZERO).conclude())
                .hasMessage("clusterTimeout must be positive: PT0S");
        assertThatThrownBy(() -> new RestGatewayConfig().maxPageLimit(0).conclude())
                .hasMessage("maxPageLimit must be at least 1: 0");
        assertThatThrownBy(() -> new RestGatewayConfig().maxPageLimit(10).conclude())
                .hasMessage("defaultPageLimit must be from 1 to maxPageLimit (10): 100");
        assertThatThrownBy(() -> new RestGatewayConfig()
                .bindAddress(InetSocketAddress.createUnresolved("no.such.host.invalid", 80)).conclude())
                .hasMessageContaining("unresolved");
    }

    @Test
    void spoolAndBodyTimeoutSettingsAreChecked() {
        assertThatThrownBy(() -> new RestGatewayConfig().spoolThreshold(-1).conclude())
                .hasMessageStartingWith("spoolThreshold must be from 0 to ");
        assertThatThrownBy(() -> new RestGatewayConfig().maxSpoolBytes(-1).conclude())
                .hasMessage("maxSpoolBytes must be at least 0: -1");
        assertThatThrownBy(() -> new RestGatewayConfig().bodyReadTimeout(java.time.Duration.ZERO).conclude())
                .hasMessage("bodyReadTimeout must be positive: PT0S");
        assertThatThrownBy(() -> new RestGatewayConfig().minBodyRate(-1).conclude())
                .hasMessageStartingWith("minBodyRate must be at least 0");
        assertThatThrownBy(() -> new RestGatewayConfig().spoolDirectory(java.nio.file.Path.of("/no/such/dir")).conclude())
                .hasMessageStartingWith("spoolDirectory /no/such/dir is not an existing directory");
        RestGatewayConfig defaults = new RestGatewayConfig().conclude();
        assertThat(defaults.spoolThreshold()).isEqualTo(RestGatewayConfig.DEFAULT_SPOOL_THRESHOLD).isEqualTo(1 << 20);
        assertThat(defaults.maxSpoolBytes()).isEqualTo(1L << 30);
        assertThat(defaults.bodyReadTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(defaults.spoolDirectory()).isNull();
    }

    @Test
    void toStringNeverShowsTheToken() {
        assertThat(new RestGatewayConfig().bearerToken("hunter2").toString())
                .doesNotContain("hunter2")
                .contains("bearerToken=set");
    }
}
