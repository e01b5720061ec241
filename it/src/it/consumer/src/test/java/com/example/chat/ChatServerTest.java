package com.example.chat;

import io.pollen.session.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded session server and its REST gateway, over real sockets, as a consumer uses them. */
class ChatServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ChatServer chat;

    @BeforeEach
    void start() throws Exception {
        chat = new ChatServer(0, 0);
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + chat.rest.localAddress().getPort() + path);
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(uri).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientIsReachedByIdOverRestAndFromCode() throws Exception {
        try (NetstringPeer client = new NetstringPeer(chat.server.localAddress())) {
            client.send("{\"type\":\"hello\",\"id\":\"c-42\"}");
            assertThat(client.receive()).isEqualTo("{\"type\":\"welcome\",\"session\":\"c-42\",\"keepalive_ms\":30000}");

            client.send("{\"type\":\"chat\",\"text\":\"hi\"}");
            assertThat(client.receive()).isEqualTo("{\"type\":\"chat\",\"text\":\"hi\"}");

            HttpResponse<String> session = call("GET", "/sessions/c-42", null);
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(session.body()).contains("\"id\":\"c-42\"").contains("\"state\":\"healthy\"");

            HttpResponse<String> posted = call("POST", "/sessions/c-42/messages", "{\"type\":\"note\",\"n\":1}");
            assertThat(posted.statusCode()).isEqualTo(202);
            assertThat(client.receive()).isEqualTo("{\"type\":\"note\",\"n\":1}");

            assertThat(chat.tell("c-42", "{\"type\":\"note\",\"n\":2}")).isEqualTo(SendResult.QUEUED);
            assertThat(client.receive()).isEqualTo("{\"type\":\"note\",\"n\":2}");

            assertThat(chat.announce("{\"type\":\"note\",\"n\":3}")).isEqualTo(1);
            assertThat(client.receive()).isEqualTo("{\"type\":\"note\",\"n\":3}");

            assertThat(call("GET", "/sessions/nobody", null).statusCode()).isEqualTo(404);
            assertThat(call("GET", "/health", null).body()).contains("\"status\":\"up\"").contains("\"sessions\":1");
        }
    }
}
