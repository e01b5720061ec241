package io.pollen.session;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonMessageParser;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.reactor.MessageConnectionHandler;
import io.pollen.reactor.Connection;
import io.pollen.reactor.EventLoop;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.WriteResult;
import io.pollen.session.RequestFailedException.Reason;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of a session server: connects, claims its id with {@code hello}, sends an empty
 * keep-alive frame every interval, answers the server's pings, reconnects with exponential back-off
 * and jitter when the connection is lost, and offers retry-able requests.
 *
 * <pre>{@code
 * SessionClient client = SessionClient.builder()
 *         .remote(new InetSocketAddress("127.0.0.1", 7000))
 *         .id("c-42")
 *         .requestRetries(2)
 *         .build();
 * JsonMessage pong = client.call("{\"type\":\"ping\"}");           // sent as {"type":"ping","seq":1}
 * String id = client.withConnection(handle -> {                      // re-run on a fresh connection
 *     handle.request("{\"type\":\"ping\"}");                          // if this one breaks mid-way
 *     return handle.sessionId();
 * });
 * }</pre>
 *
 * <h2>Three ways to send</h2>
 * <ul>
 *   <li><b>Plain sends</b> ({@link #send}) are neither buffered nor sent again: while no welcomed
 *       connection is there (disconnected, reconnecting, or {@code hello} not yet answered) they are
 *       refused with {@link SendResult#CLOSED}, and a frame queued on a connection that then breaks
 *       is gone with it.</li>
 *   <li><b>Requests</b> ({@link #request}, blocking {@link #call}) are JSON objects the client stamps
 *       with a {@code seq} of its own (appended as the last member); the response is the first inbound
 *       message that carries that {@code seq} (a {@code ping} from the server excepted: that is the
 *       server's probe, answered with a {@code pong} by the client itself), and it goes to the
 *       request, not to {@link ClientHandler#onMessage}. A request made while disconnected waits for
 *       the next welcome; one whose connection breaks before its response is sent again, with the
 *       same {@code seq}, on the next connection, up to {@code retries} times; then it fails with a
 *       {@link RequestFailedException} that counts the attempts. The timeout covers the whole
 *       request, every attempt and the reconnects between them. At most
 *       {@link SessionClientBuilder#maxPendingRequests(int)} requests are pending at once; beyond
 *       that a request fails at once with {@link Reason#TOO_MANY_PENDING}. A server that saw the
 *       first attempt may see the request twice: give retried requests effects that bear repeating.</li>
 *   <li><b>Blocks of work</b> ({@link #withConnection}) run on one unbroken connection; if it breaks
 *       mid-way the whole block is run again on a fresh one.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #send}, {@link #request}, {@link #isConnected()}, {@link #close()} and the getters are safe
 * from any thread; {@link #call} and {@link #withConnection} block, and are refused on a loop thread
 * of the client's reactor. The client's state (reconnect back-off, pending requests, their timers)
 * is confined to one <em>home loop</em> of the reactor, chosen when the client is built: its
 * connections may land on any loop of a shared reactor, and their events are handed to the home
 * loop, where the {@link ClientHandler} callbacks and the completion of request futures (and so
 * their non-async dependent stages) run. Many clients can share one {@link Reactor} (a load
 * generator holds tens of thousands).
 */
public final class SessionClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SessionClient.class.getName());
    private static final byte[] KEEP_ALIVE = "0:,".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicInteger HOME_LOOPS = new AtomicInteger();
    /**
     * Clients do not configure JSON limits, so they all share one (thread-safe) parser: a parser
     * owns a jackson factory of a few kilobytes, which would otherwise dominate a load generator's
     * memory per client.
     */
    private static final JsonMessageParser SHARED_PARSER = new JsonMessageParser();

    private final InetSocketAddress remote;
    private final InetSocketAddress localAddress;
    private final String id;
    private final String helloToken;
    private final Duration keepAliveInterval;
    private final boolean reconnect;
    private final long maxFrameLength;
    private final Duration requestTimeout;
    private final int requestRetries;
    private final ClientHandler handler;
    private final Reactor reactor;
    private final boolean ownsReactor;
    private final EventLoop home;
    private final CodecConfig codec;
    private final JsonMessageParser parser;
    private final ReconnectBackoff backoff;
    private final ClientRequests requests;
    private final AtomicLong lastSeq = new AtomicLong();
    /** The latest connection, welcomed or not; written on the home loop. */
    private volatile Connection connection;
    /** The welcomed connection, or null; written on the home loop. */
    private volatile ClientGeneration current;
    /** Completes with the next welcomed connection; replaced on the home loop when one is lost. */
    private volatile CompletableFuture<ClientGeneration> nextWelcome = new CompletableFuture<>();
    private volatile String sessionId;
    /** The back-off's attempt count, mirrored for readers on other threads. */
    private volatile int failedAttempts;
    private volatile boolean closed;

    /** Reads the concluded settings once: later changes to the builder do not affect this client. */
    SessionClient(SessionClientBuilder settings) {
        this.remote = settings.remote();
        this.localAddress = settings.localAddress();
        this.id = settings.id();
        this.helloToken = settings.helloToken();
        this.keepAliveInterval = settings.keepAliveInterval();
        this.reconnect = settings.reconnect();
        this.maxFrameLength = settings.maxFrameLength();
        this.requestTimeout = settings.requestTimeout();
        this.requestRetries = settings.requestRetries();
        this.handler = settings.handler();
        this.ownsReactor = settings.reactor() == null;
        this.reactor = ownsReactor ? Reactor.builder().threads(1).build() : settings.reactor();
        this.home = reactor.loops().get(Math.floorMod(HOME_LOOPS.getAndIncrement(), reactor.loopCount()));
        this.codec = new CodecConfig().maxFrameLength(maxFrameLength).conclude();
        this.parser = SHARED_PARSER;
        this.backoff = new ReconnectBackoff(home, settings.reconnectBackoffBase(), settings.reconnectBackoffMax());
        this.requests = new ClientRequests(this, home, settings.maxPendingRequests());
        onHome(this::connectNow);
    }

    /** @return a builder */
    public static SessionClientBuilder builder() {
        return new SessionClientBuilder();
    }

    /** @return true while connected and welcomed by the server */
    public boolean isConnected() {
        ClientGeneration g = current;
        return g != null && g.isLive();
    }

    /** @return the id the server welcomed this client with, or null before the first welcome */
    public String sessionId() {
        return sessionId;
    }

    /** @return how many connection attempts failed since the last successful one */
    public int failedAttempts() {
        return failedAttempts;
    }

    /** @return requests sent or waiting to be sent, not yet answered nor failed */
    public int pendingRequests() {
        return requests.size();
    }

    /**
     * Queues one frame on the welcomed connection; never buffered while disconnected, never sent again.
     *
     * @param payload the payload, verbatim
     * @return what became of it: {@link SendResult#CLOSED} while no welcomed connection is there
     */
    public SendResult send(ByteBuffer payload) {
        ClientGeneration g = current;
        return g == null ? SendResult.CLOSED : sendOn(g.connection, payload);
    }

    /**
     * @param json the payload text
     * @return what became of it, as {@link #send(ByteBuffer)}
     */
    public SendResult send(String json) {
        return send(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends a request with the builder's timeout and retries ({@link SessionClientBuilder#requestTimeout},
     * {@link SessionClientBuilder#requestRetries}).
     *
     * @param json a JSON object without a {@code seq} member
     * @return completes, on the home loop, with the response, or exceptionally with a
     *         {@link RequestFailedException}
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public CompletableFuture<JsonMessage> request(String json) {
        return request(json, requestTimeout, requestRetries);
    }

    /**
     * Sends a request: stamped with a fresh {@code seq}, sent now or at the next welcome, and sent
     * again on the next connection if its connection breaks first, up to {@code retries} times.
     *
     * @param json    a JSON object without a {@code seq} member
     * @param timeout how long to wait for the response in all, positive
     * @param retries how many times it may be sent again after a broken connection, at least 0
     * @return completes, on the home loop, with the response, or exceptionally with a
     *         {@link RequestFailedException}
     * @throws IllegalArgumentException if {@code json} is not a JSON object, or a bound is out of range
     */
    public CompletableFuture<JsonMessage> request(String json, Duration timeout, int retries) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative() || retries < 0) {
            throw new IllegalArgumentException("a request needs a positive timeout and retries >= 0, got "
                    + timeout + " and " + retries);
        }
        return submit(json, timeout, retries, null);
    }

    /**
     * Sends a request as {@link #request(String)} and waits for its response: the sequential style.
     *
     * @param json a JSON object without a {@code seq} member
     * @return the response
     * @throws RequestFailedException   if it got no response (the attempts are counted in it)
     * @throws InterruptedException     if the calling thread was interrupted (the request stays pending)
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     * @throws IllegalStateException    if called on a loop thread of the client's reactor
     */
    public JsonMessage call(String json) throws RequestFailedException, InterruptedException {
        refuseOnLoop("call");
        return await(request(json));
    }

    /**
     * Runs a block of work on the builder's {@link SessionClientBuilder#requestRetries} re-runs.
     *
     * @param work the block
     * @param <T>  what it returns
     * @return what the block returned on the attempt that completed
     * @throws RequestFailedException if no attempt completed, as {@link #withConnection(int, ConnectionWork)}
     * @throws InterruptedException   if the calling thread was interrupted
     */
    public <T> T withConnection(ConnectionWork<T> work) throws RequestFailedException, InterruptedException {
        return withConnection(requestRetries, work);
    }

    /**
     * Runs a block of work on a welcomed connection (waiting for one up to the request timeout); if that
     * connection breaks mid-way ({@link ConnectionLostException}), runs the whole block again on the
     * next one, up to {@code retries} times: the seed's {@code for handle in connmgr.handle(retry=2)}.
     *
     * @param retries how many times the block may be run again, at least 0
     * @param work    the block
     * @param <T>     what it returns
     * @return what the block returned on the attempt that completed
     * @throws RequestFailedException {@link Reason#CONNECTION_LOST} with the runs made when every run lost
     *                                its connection, {@link Reason#TIMED_OUT} when no connection was
     *                                welcomed in time, {@link Reason#CLIENT_CLOSED}, or what the block threw
     * @throws InterruptedException   if the calling thread was interrupted
     * @throws IllegalStateException  if called on a loop thread of the client's reactor
     */
    public <T> T withConnection(int retries, ConnectionWork<T> work) throws RequestFailedException, InterruptedException {
        Objects.requireNonNull(work, "work");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
        refuseOnLoop("withConnection");
        ClientGeneration previous = null;
        for (int attempt = 1; ; attempt++) {
            ClientGeneration generation = awaitWelcome(previous, attempt - 1);
            try {
                return work.run(new ConnectionHandle(this, generation, attempt));
            } catch (ConnectionLostException e) {
                if (attempt > retries) {
                    RequestFailedException failed = new RequestFailedException(Reason.CONNECTION_LOST, attempt,
                            "a block of work lost its connection to " + remote + " on every run");
                    failed.initCause(e);
                    throw failed;
                }
                previous = generation;
            }
        }
    }

    /** Stops reconnecting, fails the pending requests, and closes the connection (and the reactor, if the client made it). */
    @Override
    public void close() {
        closed = true;
        // Before closing the connection, so that the requests fail as closed, not as lost.
        failEverythingPending();
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        if (ownsReactor) {
            reactor.close();
        }
    }

    // ---------------------------------------------------------------- requests, any thread

    CompletableFuture<JsonMessage> submit(String json, Duration timeout, int retries, ClientGeneration pinnedTo) {
        long seq = lastSeq.incrementAndGet();
        ByteBuffer payload = RequestPayload.stamp(json, seq);
        if (payload.remaining() > maxFrameLength) {
            return CompletableFuture.failedFuture(new RequestFailedException(Reason.TOO_LARGE, 0,
                    payload.remaining() + " bytes exceed the frame limit of " + maxFrameLength));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new RequestFailedException(Reason.CLIENT_CLOSED, 0, "the client is closed"));
        }
        if (!requests.reserve()) {
            return CompletableFuture.failedFuture(new RequestFailedException(Reason.TOO_MANY_PENDING, 0,
                    requests.size() + " requests are pending, the most this client allows"));
        }
        PendingRequest request = new PendingRequest(seq, payload, timeout.toNanos(), retries, pinnedTo);
        if (!onHome(() -> {
            if (closed) {
                requests.unreserve();
                request.future.completeExceptionally(new RequestFailedException(Reason.CLIENT_CLOSED, 0, "the client is closed"));
            } else {
                requests.add(request, current);
            }
        })) {
            requests.unreserve();
            request.future.completeExceptionally(new RequestFailedException(Reason.CLIENT_CLOSED, 0,
                    "the client's reactor is shut down"));
        }
        return request.future;
    }

    /** Waits for a request's outcome, unwrapping it to the response or its typed failure. */
    <T> T await(CompletableFuture<T> future) throws RequestFailedException, InterruptedException {
        refuseOnLoop("a blocking request");
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException failed) {
                throw failed;
            }
            throw new IllegalStateException("a request future failed with an unexpected cause", e.getCause());
        }
    }

    SendResult sendOn(Connection c, ByteBuffer payload) {
        if (payload.remaining() > maxFrameLength) {
            return SendResult.TOO_LARGE;
        }
        WriteResult result = c.write(NetstringEncoder.encode(payload));
        return switch (result) {
            case QUEUED -> SendResult.QUEUED;
            case REJECTED_FULL -> SendResult.REJECTED_FULL;
            case CLOSED -> SendResult.CLOSED;
        };
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    private ClientGeneration awaitWelcome(ClientGeneration previous, int runsMade)
            throws RequestFailedException, InterruptedException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        try {
            if (previous != null) {
                // The handle may have seen its connection break before the home loop did: wait for
                // the loss, so that the next welcome is a fresh connection.
                previous.lost.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            ClientGeneration next = nextWelcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == previous) {
                throw new TimeoutException();
            }
            return next;
        } catch (TimeoutException e) {
            throw new RequestFailedException(Reason.TIMED_OUT, runsMade, "no welcomed connection to " + remote
                    + " within " + requestTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestFailedException failed) {
                throw failed;
            }
            throw new IllegalStateException("waiting for a connection failed unexpectedly", e.getCause());
        }
    }

    private void refuseOnLoop(String what) {
        for (EventLoop loop : reactor.loops()) {
            if (loop.inLoop()) {
                throw new IllegalStateException(what + " blocks, so it must not run on a loop thread of the"
                        + " client's reactor (" + Thread.currentThread().getName() + "); use request() and its future");
            }
        }
    }

    private void failEverythingPending() {
        RequestFailedException closedFailure = new RequestFailedException(Reason.CLIENT_CLOSED, 0, "the client is closed");
        Runnable failAll = () -> {
            requests.failAll(Reason.CLIENT_CLOSED, "the client was closed before the response");
            nextWelcome.completeExceptionally(closedFailure);
        };
        if (home.inLoop()) {
            failAll.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        if (!onHome(() -> {
            failAll.run();
            done.countDown();
        })) {
            failAll.run(); // the loop is gone, so nothing else touches the table any more
            return;
        }
        if (ownsReactor) {
            // The reactor closes next: let the loop fail the requests first, or they would never complete.
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- connection life, home loop

    /**
     * Runs a task on the home loop: at once if already there, else through its task queue, which keeps
     * one connection's events in order.
     *
     * @return false if the reactor is shut down and the task will not run
     */
    boolean onHome(Runnable task) {
        if (home.inLoop()) {
            task.run();
            return true;
        }
        try {
            home.execute(task);
            return true;
        } catch (RejectedExecutionException reactorClosed) {
            LOG.log(Level.DEBUG, "client of " + remote + ": the reactor is shut down");
            return false;
        }
    }

    private void connectNow() {
        if (closed) {
            return;
        }
        ClientProtocol protocol = new ClientProtocol(this);
        reactor.connect(remote, localAddress, new MessageConnectionHandler(codec, parser, protocol))
                .whenComplete((c, failure) -> {
                    if (failure != null) {
                        onHome(() -> connectFailed(failure));
                    }
                });
    }

    private void connectFailed(Throwable failure) {
        handler.onDisconnected(this, failure);
        if (!scheduleReconnect()) {
            requests.failAll(Reason.CONNECTION_LOST, "connecting failed and the client does not reconnect: " + failure);
        }
    }

    /** @return true if a reconnect is scheduled */
    private boolean scheduleReconnect() {
        if (closed || !reconnect) {
            return false;
        }
        long delay = backoff.nextDelayNanos();
        failedAttempts = backoff.attempts();
        home.schedule(this::connectNow, delay, TimeUnit.NANOSECONDS);
        return true;
    }

    void opened(Connection c) {
        connection = c;
        if (closed) {
            c.close();
            return;
        }
        ByteBuffer hello = ByteBuffer.wrap(helloJson().getBytes(StandardCharsets.UTF_8));
        if (sendOn(c, hello) != SendResult.QUEUED) {
            // Without its hello the connection is useless: drop it, and the loss reconnects.
            LOG.log(Level.DEBUG, "client of " + remote + ": hello not queued; closing");
            c.close();
        }
    }

    void received(Connection c, JsonMessage message) {
        if ("welcome".equals(message.type())) {
            welcomed(c, message.getString("session"));
        } else if (!requests.answered(message)) {
            handler.onMessage(this, message);
        }
    }

    private void welcomed(Connection c, String welcomedId) {
        if (!c.isOpen()) {
            return; // its loss is queued behind this welcome
        }
        sessionId = welcomedId;
        backoff.reset();
        failedAttempts = 0;
        ClientGeneration generation = new ClientGeneration(c);
        current = generation;
        handler.onWelcome(this, welcomedId);
        requests.welcomed(generation);
        nextWelcome.complete(generation);
    }

    void lost(Connection c, Throwable cause) {
        if (connection == c) {
            connection = null;
        }
        ClientGeneration generation = current;
        if (generation != null && generation.connection == c) {
            current = null;
            // Replace the future before completing the loss, so that a waiter woken by the loss waits
            // for the next welcome rather than seeing this one again.
            if (!closed) {
                nextWelcome = new CompletableFuture<>();
            }
            generation.lost.complete(null);
        }
        handler.onDisconnected(this, cause);
        if (closed) {
            requests.failAll(Reason.CLIENT_CLOSED, "the client was closed before the response");
        } else {
            requests.lost(c, scheduleReconnect());
        }
    }

    ClientHandler handler() {
        return handler;
    }

    Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    static ByteBuffer keepAliveFrame() {
        return ByteBuffer.wrap(KEEP_ALIVE);
    }

    InetSocketAddress remote() {
        return remote;
    }

    private String helloJson() {
        if (id == null) {
            return "{\"type\":\"hello\"}";
        }
        return "{\"type\":\"hello\",\"id\":" + quote(id) + (helloToken == null ? "" : ",\"token\":" + quote(helloToken)) + "}";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
