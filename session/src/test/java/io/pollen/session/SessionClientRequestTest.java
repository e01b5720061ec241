package io.pollen.session;

import io.pollen.codec.json.JsonMessage;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.tck.Await;
import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.RequestFailedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retry-able requests, blocks of work and plain sends of {@link SessionClient} against a server that
 * is killed and restarted on the same port mid-run, over loopback on every backend.
 */
@OnEveryBackend
@ExtendWith(DescriptorLeakCheck.class)
class SessionClientRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String backend;
    private final List<AutoCloseable> open = new ArrayList<>();
    /** Every message of type "job" any server of the test received, in order. */
    private final List<JsonMessage> jobsReceived = new CopyOnWriteArrayList<>();

    SessionClientRequestTest(String backend) {
        this.backend = backend;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A server that records every job; an answering one echoes it (same seq), a silent one never answers. */
    private SessionServer server(int port, boolean answering) throws Exception {
        SessionServer server = SessionServer.builder()
                .reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", port))
                .handler((session, message) -> {
                    jobsReceived.add(message);
                    if (answering && !session.send(message.payload()).isQueued()) {
                        throw new AssertionError("the echo was not queued");
                    }
                })
                .build();
        open.add(server);
        return server;
    }

    private SessionClient client(SessionServer server, int retries, ClientHandler handler) {
        return client(server, retries, handler, 2);
    }

    private SessionClient client(SessionServer server, int retries, ClientHandler handler, int loops) {
        Reactor reactor = Reactor.builder().backend(backend).threads(loops).build();
        open.add(reactor);
        SessionClient client = SessionClient.builder().remote(server.localAddress()).id("worker")
                .reactor(reactor)
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .requestTimeout(WAIT)
                .requestRetries(retries)
                .handler(handler)
                .build();
        open.add(client);
        Await.until("the welcome", client::isConnected);
        return client;
    }

    private SessionClient client(SessionServer server, int retries) {
        return client(server, retries, new ClientHandler() {
        });
    }

    @Test
    void inFlightRequestsAreSentAgainAfterTheServerRestartsAndNoneIsLost() throws Exception {
        SessionServer first = server(0, false);
        int port = first.localAddress().getPort();
        List<String> resent = new CopyOnWriteArrayList<>();
        SessionClient client = client(first, 1, new ClientHandler() {
            @Override
            public void onRequestResent(SessionClient c, long seq, int attempt) {
                resent.add(seq + "#" + attempt);
            }
        });
        List<CompletableFuture<JsonMessage>> inFlight = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            inFlight.add(client.request("{\"type\":\"job\",\"n\":" + n + "}"));
        }
        Await.until("the silent server to hold all three", () -> jobsReceived.size() == 3);

        first.close();
        server(port, true);

        for (int n = 0; n < 3; n++) {
            JsonMessage response = inFlight.get(n).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.getInt("n")).isEqualTo(n);
            assertThat(response.getLong("seq")).isEqualTo(jobsReceived.get(n).getLong("seq"));
        }
        assertThat(resent).as("each sent again once, with its own seq").hasSize(3).allMatch(s -> s.endsWith("#2"));
        assertThat(jobsReceived).as("the restarted server saw the same seqs again").hasSize(6);
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void aRequestFailsWithItsAttemptCountWhenRetriesRunOut() throws Exception {
        SessionServer first = server(0, false);
        int port = first.localAddress().getPort();
        SessionClient client = client(first, 1);
        CompletableFuture<JsonMessage> request = client.request("{\"type\":\"job\"}");
        Await.until("the first attempt at the server", () -> jobsReceived.size() == 1);
        first.close();
        SessionServer second = server(port, false);
        Await.until("the retry at the restarted server", () -> jobsReceived.size() == 2);
        second.close();

        RequestFailedException failure = failureOf(request);
        assertThat(failure.reason()).isEqualTo(Reason.CONNECTION_LOST);
        assertThat(failure.attempts()).isEqualTo(2);
        assertThat(failure).hasMessageContaining("after 2 attempts");
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void theBlockingCallThrowsTheTypedFailure() throws Exception {
        SessionServer first = server(0, false);
        SessionClient client = client(first, 0);
        CompletableFuture<RequestFailedException> thrown = CompletableFuture.supplyAsync(() -> {
            try {
                client.call("{\"type\":\"job\"}");
                return null;
            } catch (RequestFailedException e) {
                return e;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Await.until("the request at the server", () -> jobsReceived.size() == 1);
        first.close();

        RequestFailedException failure = thrown.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(failure.reason()).isEqualTo(Reason.CONNECTION_LOST);
        assertThat(failure.attempts()).isEqualTo(1);
    }

    @Test
    void aBlockOfWorkRunsAgainOnAFreshConnectionWhenItsConnectionBreaksMidWay() throws Exception {
        SessionServer first = server(0, false);
        int port = first.localAddress().getPort();
        SessionClient client = client(first, 2);
        List<Integer> runs = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return client.withConnection(handle -> {
                    runs.add(handle.attempt());
                    assertThat(handle.send("{\"type\":\"job\",\"step\":\"begin\"}")).isEqualTo(SendResult.QUEUED);
                    handle.request("{\"type\":\"job\",\"step\":\"end\"}");
                    return handle.attempt();
                });
            } catch (RequestFailedException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Await.until("both steps at the silent server", () -> jobsReceived.size() == 2);
        first.close();
        server(port, true);

        assertThat(outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(runs).containsExactly(1, 2);
        assertThat(jobsReceived).extracting(m -> m.getString("step")).containsExactly("begin", "end", "begin", "end");
    }

    @Test
    void aBlockOfWorkFailsWithItsRunCountWhenEveryRunLosesItsConnection() throws Exception {
        SessionServer first = server(0, false);
        SessionClient client = client(first, 0);
        CompletableFuture<RequestFailedException> thrown = CompletableFuture.supplyAsync(() -> {
            try {
                client.withConnection(handle -> handle.request("{\"type\":\"job\"}"));
                return null;
            } catch (RequestFailedException e) {
                return e;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Await.until("the request at the server", () -> jobsReceived.size() == 1);
        first.close();

        RequestFailedException failure = thrown.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(failure.reason()).isEqualTo(Reason.CONNECTION_LOST);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.getCause()).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void plainSendsWhileDisconnectedAreRefusedWithClosedAndNeverSentLater() throws Exception {
        SessionServer first = server(0, true);
        int port = first.localAddress().getPort();
        SessionClient client = client(first, 0);
        first.close();
        Await.until("the client to see the loss", () -> !client.isConnected());

        assertThat(client.send("{\"type\":\"job\",\"n\":\"while-down\"}")).isEqualTo(SendResult.CLOSED);

        server(port, true);
        Await.until("the reconnect", client::isConnected);
        assertThat(client.send("{\"type\":\"job\",\"n\":\"after\"}")).isEqualTo(SendResult.QUEUED);
        Await.until("the later send at the server", () -> !jobsReceived.isEmpty());
        assertThat(jobsReceived).extracting(m -> m.getString("n")).containsExactly("after");
    }

    @Test
    void aRequestMadeWhileDisconnectedWaitsForTheNextWelcome() throws Exception {
        SessionServer first = server(0, true);
        int port = first.localAddress().getPort();
        SessionClient client = client(first, 0);
        first.close();
        Await.until("the client to see the loss", () -> !client.isConnected());

        CompletableFuture<JsonMessage> request = client.request("{\"type\":\"job\"}");
        server(port, true);

        assertThat(request.get(WAIT.toSeconds(), TimeUnit.SECONDS).type()).isEqualTo("job");
    }

    @Test
    void theTableOfPendingRequestsIsBoundedAndAFullTableIsRefusedAtOnce() throws Exception {
        SessionServer server = server(0, false);
        Reactor reactor = Reactor.builder().backend(backend).threads(1).build();
        open.add(reactor);
        SessionClient client = SessionClient.builder().remote(server.localAddress()).reactor(reactor)
                .maxPendingRequests(2).build();
        open.add(client);
        client.request("{\"type\":\"job\"}");
        client.request("{\"type\":\"job\"}");

        RequestFailedException failure = failureOf(client.request("{\"type\":\"job\"}"));
        assertThat(failure.reason()).isEqualTo(Reason.TOO_MANY_PENDING);
        assertThat(failure.attempts()).isZero();
        assertThat(client.pendingRequests()).isEqualTo(2);
    }

    @Test
    void aRequestTimesOutOnTheClientsLoopTimer() throws Exception {
        SessionServer server = server(0, false);
        SessionClient client = client(server, 0);

        RequestFailedException failure = failureOf(client.request("{\"type\":\"job\"}", Duration.ofMillis(100), 3));
        assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(client.pendingRequests()).isZero();
    }

    @Test
    void closingTheClientFailsItsPendingRequests() throws Exception {
        SessionServer server = server(0, false);
        SessionClient client = client(server, 0);
        CompletableFuture<JsonMessage> request = client.request("{\"type\":\"job\"}");
        Await.until("the request at the server", () -> jobsReceived.size() == 1);

        client.close();

        assertThat(failureOf(request).reason()).isEqualTo(Reason.CLIENT_CLOSED);
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsRefusedAtTheCall() throws Exception {
        SessionClient client = client(server(0, true), 0);

        assertThatThrownBy(() -> client.request("[1,2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one JSON object");
    }

    @Test
    void theClientAnswersServerPingsSoTheServerMeasuresItsRoundTrip() throws Exception {
        SessionServer server = SessionServer.builder()
                .reactor(r -> r.backend(backend).threads(1))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .pingInterval(Duration.ofMillis(20))
                .handler((session, message) -> { })
                .build();
        open.add(server);
        List<String> seenByHandler = new CopyOnWriteArrayList<>();
        client(server, 0, new ClientHandler() {
            @Override
            public void onMessage(SessionClient c, JsonMessage message) {
                seenByHandler.add(message.type());
            }
        });
        Session session = server.registry().find("worker").orElseThrow();

        Await.until("a measured round trip", () -> session.roundTripTime().isPresent());
        Await.until("round trips in the server's histogram", () -> server.metrics().roundTrips().count() >= 2);
        assertThat(seenByHandler).as("the client answers pings itself").doesNotContain("ping");
    }

    @Test
    void reconnectsOverTheLoopsOfASharedReactorKeepTheClientsStateOnItsHomeLoop() throws Exception {
        SessionServer first = server(0, true);
        int port = first.localAddress().getPort();
        Reactor reactor = Reactor.builder().backend(backend).threads(2).build();
        open.add(reactor);
        List<SessionClient> clients = new ArrayList<>();
        List<Set<String>> callbackThreads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            callbackThreads.add(threads);
            ClientHandler recordThread = new ClientHandler() {
                @Override
                public void onWelcome(SessionClient c, String id) {
                    threads.add(Thread.currentThread().getName());
                }

                @Override
                public void onDisconnected(SessionClient c, Throwable cause) {
                    threads.add(Thread.currentThread().getName());
                }
            };
            SessionClient client = SessionClient.builder().remote(first.localAddress()).id("c" + i).reactor(reactor)
                    .reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).handler(recordThread).build();
            open.add(client);
            clients.add(client);
        }
        SessionServer running = first;
        for (int restart = 0; restart < 3; restart++) {
            Await.until("every client welcomed", () -> clients.stream().allMatch(SessionClient::isConnected));
            running.close();
            // Several attempts each: the reactor spreads them over both loops, round-robin.
            Await.until("failed attempts while the server is down", () -> clients.stream().allMatch(c -> c.failedAttempts() > 2));
            running = server(port, true);
        }
        Await.until("every client welcomed again", () -> clients.stream().allMatch(SessionClient::isConnected));
        for (SessionClient client : clients) {
            assertThat(client.failedAttempts()).as("reset by the welcome").isZero();
            assertThat(client.call("{\"type\":\"job\"}").type()).isEqualTo("job");
        }
        assertThat(callbackThreads).as("each client's callbacks on one loop, whichever loop its connections used")
                .allMatch(threads -> threads.size() == 1);
    }

    private static RequestFailedException failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RequestFailedException.class);
            return (RequestFailedException) e.getCause();
        }
        throw new AssertionError("the request succeeded");
    }
}
