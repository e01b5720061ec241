package io.pollen.session.rest;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.session.SessionServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bearer-token rule: off loopback the gateway does not start without a token, and with one every
 * request must present it. The gateway binds the wildcard address and is reached over 127.0.0.1.
 * The rule does not depend on the backend, so one backend suffices.
 */
class RestGatewayTokenTest {
    private static final String TOKEN = "s3cr3t-t0ken_for.tests~";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SessionServer server;

    @BeforeEach
    void start() throws IOException {
        server = SessionServer.builder()
                .reactor(r -> r.backend(BackendAliases.NIO).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .handler((session, message) -> { })
                .build();
    }

    @AfterEach
    void stop() {
        server.shutdown(Duration.ZERO);
    }

    @Test
    void aNonLoopbackGatewayWithoutATokenDoesNotStart() {
        assertThatThrownBy(() -> RestGateway.start(server, new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining("bearerToken");
    }

    @Test
    void offLoopbackEveryRequestNeedsTheToken() throws Exception {
        try (RestGateway gateway = RestGateway.start(server, new RestGatewayConfig()
                .bindAddress(new InetSocketAddress("0.0.0.0", 0))
                .bearerToken(TOKEN))) {
            int port = gateway.localAddress().getPort();

            HttpResponse<String> none = get(port, "/health", null);
            HttpResponse<String> wrong = get(port, "/health", "Bearer not-" + TOKEN);
            HttpResponse<String> otherScheme = get(port, "/health", "Basic " + TOKEN);
            HttpResponse<String> unknownPath = get(port, "/secret-paths-stay-hidden", null);
            HttpResponse<String> right = get(port, "/health", "Bearer " + TOKEN);
            HttpResponse<String> lowerCaseScheme = get(port, "/sessions", "bearer " + TOKEN);

            for (HttpResponse<String> refused : List.of(none, wrong, otherScheme, unknownPath)) {
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"pollen\"");
                assertThat(refused.body()).startsWith("{\"error\":\"unauthorized\",\"message\":");
            }
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(lowerCaseScheme.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTokenSetOnLoopbackIsEnforcedToo() throws Exception {
        try (RestGateway gateway = RestGateway.start(server, new RestGatewayConfig()
                .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .bearerToken(TOKEN))) {
            int port = gateway.localAddress().getPort();

            assertThat(get(port, "/health", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/health", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
