package io.pollen.reactor;

import io.pollen.reactor.spi.BackendAliases;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Reactor}, and its one terminal verb {@link #build()}, which starts it.
 *
 * <p>Pollen's configuration convention: a same-name fluent setter and getter per setting (a pair that
 * is only meaningful together, such as the water marks, is set by one two-argument setter and read by
 * two getters); each default is a {@code DEFAULT_} constant beside its setter; setters only store, and
 * every check, of one setting or of two where they meet, is in {@link #conclude()}, which
 * {@link #build()} calls first.
 *
 * <p>Another builder may hold a {@code ReactorBuilder} and conclude it with its own settings (the
 * session server does, to check its frame limit against {@link #maxPendingWriteBytes()}).
 *
 * <h2>Threading</h2>
 * Not thread-safe: configure and build on one thread, then share the reactor, which is safe from any
 * thread. {@link #build()} reads the settings once; later changes do not affect the running reactor.
 */
public final class ReactorBuilder {
    /** Default for {@link #backend(String)}: null, the system property {@value BackendAliases#BACKEND_PROPERTY} or else {@code auto}. */
    public static final String DEFAULT_BACKEND = null;
    /** Default for {@link #threads(int)}: one event loop per available processor, as seen when this class loads. */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();
    /** The most event loops {@link #threads(int)} accepts. */
    public static final int MAX_THREADS = 1024;
    /** Default read buffer per loop: 64 KiB. */
    public static final int DEFAULT_READ_BUFFER_SIZE = 64 * 1024;
    /** Default high water mark: 64 KiB queued makes a connection unwritable. */
    public static final long DEFAULT_WRITE_HIGH_WATER_MARK = 64 * 1024;
    /** Default low water mark: 32 KiB queued makes it writable again. */
    public static final long DEFAULT_WRITE_LOW_WATER_MARK = 32 * 1024;
    /** Default hard cap on queued bytes per connection: 4 MiB. */
    public static final long DEFAULT_MAX_PENDING_WRITE_BYTES = 4L * 1024 * 1024;
    /** Default for {@link #maxPendingStreams(int)}: 4 streamed writes pending per connection. */
    public static final int DEFAULT_MAX_PENDING_STREAMS = 4;
    /** The most {@link #maxPendingStreams(int)} accepts. */
    public static final int MAX_PENDING_STREAMS = 1024;
    /** Default timer resolution: 10 ms, ample for keep-alives measured in seconds. */
    public static final Duration DEFAULT_TIMER_TICK = Duration.ofMillis(10);
    /** Default timer wheel size: 512 buckets, about five seconds per revolution at the default tick. */
    public static final int DEFAULT_TIMER_WHEEL_SIZE = 512;
    /** Default for {@link #overflowPolicy(OverflowPolicy)}: refuse the write, keep the connection. */
    public static final OverflowPolicy DEFAULT_OVERFLOW_POLICY = OverflowPolicy.REJECT_WRITE;
    /** Value of {@link #maxConnections(int)} meaning no cap, and its default. */
    public static final int NO_CONNECTION_CAP = 0;
    /** Default for {@link #overloadListener(OverloadListener)}: none (overloads are still counted and logged). */
    public static final OverloadListener DEFAULT_OVERLOAD_LISTENER = OverloadListener.NONE;
    /** Default tasks run per loop iteration at most, so that tasks cannot starve I/O. */
    public static final int DEFAULT_MAX_TASKS_PER_ITERATION = 1024;
    /** Default time one loop iteration spends running tasks at most, so that slow tasks cannot starve I/O. */
    public static final Duration DEFAULT_MAX_TASK_TIME_PER_ITERATION = Duration.ofMillis(1);
    /** Default time for graceful shutdown to drain queued writes. */
    public static final Duration DEFAULT_SHUTDOWN_DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** Default time for a client connect to complete. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default first pause of accepting after EMFILE/ENFILE; doubles up to the maximum. */
    public static final Duration DEFAULT_ACCEPT_BACKOFF_MIN = Duration.ofMillis(10);
    /** Default longest pause of accepting after EMFILE/ENFILE. */
    public static final Duration DEFAULT_ACCEPT_BACKOFF_MAX = Duration.ofSeconds(1);
    /** Default listen backlog. */
    public static final int DEFAULT_BACKLOG = 4096;
    /** Default for {@link #clock(Clock)}: the system's monotonic clock. */
    public static final Clock DEFAULT_CLOCK = Clock.system();
    /** Default for {@link #threadNamePrefix(String)}. */
    public static final String DEFAULT_THREAD_NAME_PREFIX = "pollen";

    private String backend = DEFAULT_BACKEND;
    private int threads = DEFAULT_THREADS;
    private int readBufferSize = DEFAULT_READ_BUFFER_SIZE;
    private long writeHighWaterMark = DEFAULT_WRITE_HIGH_WATER_MARK;
    private long writeLowWaterMark = DEFAULT_WRITE_LOW_WATER_MARK;
    private long maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;
    private OverflowPolicy overflowPolicy = DEFAULT_OVERFLOW_POLICY;
    private int maxPendingStreams = DEFAULT_MAX_PENDING_STREAMS;
    private int maxConnections = NO_CONNECTION_CAP;
    private OverloadListener overloadListener = DEFAULT_OVERLOAD_LISTENER;
    private Duration timerTick = DEFAULT_TIMER_TICK;
    private int timerWheelSize = DEFAULT_TIMER_WHEEL_SIZE;
    private int maxTasksPerIteration = DEFAULT_MAX_TASKS_PER_ITERATION;
    private Duration maxTaskTimePerIteration = DEFAULT_MAX_TASK_TIME_PER_ITERATION;
    private Duration shutdownDrainTimeout = DEFAULT_SHUTDOWN_DRAIN_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration acceptBackoffMin = DEFAULT_ACCEPT_BACKOFF_MIN;
    private Duration acceptBackoffMax = DEFAULT_ACCEPT_BACKOFF_MAX;
    private int backlog = DEFAULT_BACKLOG;
    private Clock clock = DEFAULT_CLOCK;
    private String threadNamePrefix = DEFAULT_THREAD_NAME_PREFIX;

    ReactorBuilder() {
    }

    /**
     * @param alias a backend alias ({@code select}, {@code poll}, {@code epoll}, {@code nio}) or
     *              {@code auto}; null (the default) reads system property {@code pollen.backend},
     *              then falls back to {@code auto}
     * @return this
     */
    public ReactorBuilder backend(String alias) {
        this.backend = alias;
        return this;
    }

    /** @return the requested backend alias, or null for the property-or-auto default */
    public String backend() {
        return backend;
    }

    /**
     * @param threads the number of event loops, 1 to {@value #MAX_THREADS} (default {@link #DEFAULT_THREADS}:
     *                available processors)
     * @return this
     */
    public ReactorBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** @return the number of event loops */
    public int threads() {
        return threads;
    }

    /**
     * @param bytes the size of each loop's one read buffer, 256 B to 64 MiB (default
     *              {@link #DEFAULT_READ_BUFFER_SIZE}: 64 KiB)
     * @return this
     */
    public ReactorBuilder readBufferSize(int bytes) {
        this.readBufferSize = bytes;
        return this;
    }

    /** @return the size of each loop's read buffer */
    public int readBufferSize() {
        return readBufferSize;
    }

    /**
     * Sets both water marks, which are only meaningful together: {@code 0 <= low < high <=}
     * {@link #maxPendingWriteBytes()}.
     *
     * @param low  queued bytes at or below which an unwritable connection becomes writable (default
     *             {@link #DEFAULT_WRITE_LOW_WATER_MARK}: 32 KiB)
     * @param high queued bytes at or above which a connection becomes unwritable (default
     *             {@link #DEFAULT_WRITE_HIGH_WATER_MARK}: 64 KiB)
     * @return this
     */
    public ReactorBuilder writeWaterMarks(long low, long high) {
        this.writeLowWaterMark = low;
        this.writeHighWaterMark = high;
        return this;
    }

    /** @return the low water mark in bytes */
    public long writeLowWaterMark() {
        return writeLowWaterMark;
    }

    /** @return the high water mark in bytes */
    public long writeHighWaterMark() {
        return writeHighWaterMark;
    }

    /**
     * @param bytes the hard cap on a connection's queued bytes, at least {@link #writeHighWaterMark()}
     *              (default {@link #DEFAULT_MAX_PENDING_WRITE_BYTES}: 4 MiB)
     * @return this
     */
    public ReactorBuilder maxPendingWriteBytes(long bytes) {
        this.maxPendingWriteBytes = bytes;
        return this;
    }

    /** @return the hard cap on a connection's queued bytes */
    public long maxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    /**
     * @param policy what a write past the hard cap does (default {@link #DEFAULT_OVERFLOW_POLICY})
     * @return this
     */
    public ReactorBuilder overflowPolicy(OverflowPolicy policy) {
        this.overflowPolicy = policy;
        return this;
    }

    /** @return the overflow policy */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /**
     * A streamed write ({@link Connection#writeFile}) holds no bytes in memory, so it is not limited by
     * {@link #maxPendingWriteBytes()}; this bounds how many may wait on one connection (each holds an
     * open file), beyond which one is refused with {@link WriteResult#REJECTED_FULL}.
     *
     * @param max streamed writes pending per connection at most, 1 to {@value #MAX_PENDING_STREAMS}
     *            (default {@link #DEFAULT_MAX_PENDING_STREAMS}: 4)
     * @return this
     */
    public ReactorBuilder maxPendingStreams(int max) {
        this.maxPendingStreams = max;
        return this;
    }

    /** @return streamed writes pending per connection at most */
    public int maxPendingStreams() {
        return maxPendingStreams;
    }

    /**
     * @param max the most connections open at once over all listeners; {@link #NO_CONNECTION_CAP} (the
     *            default) for none
     * @return this
     */
    public ReactorBuilder maxConnections(int max) {
        this.maxConnections = max;
        return this;
    }

    /** @return the connection cap, 0 for none */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * @param listener told of every overload (see {@link OverloadReason}); default
     *                 {@link #DEFAULT_OVERLOAD_LISTENER}, none
     * @return this
     */
    public ReactorBuilder overloadListener(OverloadListener listener) {
        this.overloadListener = listener;
        return this;
    }

    /** @return the overload listener */
    public OverloadListener overloadListener() {
        return overloadListener;
    }

    /**
     * @param tick the timer resolution, positive (default {@link #DEFAULT_TIMER_TICK}: 10 ms)
     * @return this
     */
    public ReactorBuilder timerTick(Duration tick) {
        this.timerTick = tick;
        return this;
    }

    /** @return the timer resolution */
    public Duration timerTick() {
        return timerTick;
    }

    /**
     * @param buckets the timer wheel size, 1 to 2^20, rounded up to a power of two (default
     *                {@link #DEFAULT_TIMER_WHEEL_SIZE}: 512)
     * @return this
     */
    public ReactorBuilder timerWheelSize(int buckets) {
        this.timerWheelSize = buckets;
        return this;
    }

    /** @return the timer wheel size */
    public int timerWheelSize() {
        return timerWheelSize;
    }

    /**
     * @param max tasks run per loop iteration at most, at least 1 (default
     *            {@link #DEFAULT_MAX_TASKS_PER_ITERATION}: 1024)
     * @return this
     */
    public ReactorBuilder maxTasksPerIteration(int max) {
        this.maxTasksPerIteration = max;
        return this;
    }

    /** @return tasks run per loop iteration at most */
    public int maxTasksPerIteration() {
        return maxTasksPerIteration;
    }

    /**
     * The time budget of one iteration's tasks, measured on {@link #clock()}: once it is spent the
     * loop polls I/O again, whatever is left of {@link #maxTasksPerIteration()}. The clock is read
     * once every few tasks, not per task, so a budget may be overrun by a handful of tasks.
     *
     * @param max positive (default {@link #DEFAULT_MAX_TASK_TIME_PER_ITERATION}: 1 ms)
     * @return this
     */
    public ReactorBuilder maxTaskTimePerIteration(Duration max) {
        this.maxTaskTimePerIteration = max;
        return this;
    }

    /** @return the time one iteration spends running tasks at most */
    public Duration maxTaskTimePerIteration() {
        return maxTaskTimePerIteration;
    }

    /**
     * @param timeout how long {@link Reactor#close()} lets queued writes drain, zero or more (default
     *                {@link #DEFAULT_SHUTDOWN_DRAIN_TIMEOUT}: 5 s)
     * @return this
     */
    public ReactorBuilder shutdownDrainTimeout(Duration timeout) {
        this.shutdownDrainTimeout = timeout;
        return this;
    }

    /** @return the drain timeout of {@link Reactor#close()} */
    public Duration shutdownDrainTimeout() {
        return shutdownDrainTimeout;
    }

    /**
     * @param timeout how long a client connect may take, positive (default
     *                {@link #DEFAULT_CONNECT_TIMEOUT}: 10 s)
     * @return this
     */
    public ReactorBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** @return how long a client connect may take */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets both accept back-off bounds, which are only meaningful together: {@code 0 < min <= max}.
     *
     * @param min the first pause of accepting after EMFILE/ENFILE (default
     *            {@link #DEFAULT_ACCEPT_BACKOFF_MIN}: 10 ms)
     * @param max the longest pause (default {@link #DEFAULT_ACCEPT_BACKOFF_MAX}: 1 s)
     * @return this
     */
    public ReactorBuilder acceptBackoff(Duration min, Duration max) {
        this.acceptBackoffMin = min;
        this.acceptBackoffMax = max;
        return this;
    }

    /** @return the first pause of accepting */
    public Duration acceptBackoffMin() {
        return acceptBackoffMin;
    }

    /** @return the longest pause of accepting */
    public Duration acceptBackoffMax() {
        return acceptBackoffMax;
    }

    /**
     * @param backlog the listen backlog, at least 1 (default {@link #DEFAULT_BACKLOG}: 4096; the kernel
     *                caps it at somaxconn)
     * @return this
     */
    public ReactorBuilder backlog(int backlog) {
        this.backlog = backlog;
        return this;
    }

    /** @return the listen backlog */
    public int backlog() {
        return backlog;
    }

    /**
     * @param clock the loops' timer clock (default {@link #DEFAULT_CLOCK}: the system's monotonic clock)
     * @return this
     */
    public ReactorBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** @return the loops' timer clock */
    public Clock clock() {
        return clock;
    }

    /**
     * @param prefix the loop thread names' prefix (default {@value #DEFAULT_THREAD_NAME_PREFIX})
     * @return this
     */
    public ReactorBuilder threadNamePrefix(String prefix) {
        this.threadNamePrefix = prefix;
        return this;
    }

    /** @return the loop thread names' prefix */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    /**
     * Concludes the settings ({@link #conclude()}), chooses the backend (logging the startup report
     * once) and starts the loops.
     *
     * @return the running reactor
     * @throws IllegalArgumentException     naming the first bad setting and its allowed range
     * @throws BackendUnavailableException if the backend asked for by name cannot run here
     * @throws java.io.UncheckedIOException if a poller cannot be opened
     */
    public Reactor build() {
        conclude();
        return EventLoopReactor.start(this);
    }

    /**
     * Checks every setting, and every pair that meets (the water marks against each other and against
     * the hard cap, the accept back-off bounds); {@link #build()} calls it first, and a builder that
     * holds this one calls it from its own {@code conclude()}.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad setting (both, for a pair) and its allowed range
     * @throws NullPointerException     naming a required setting that is null
     */
    public ReactorBuilder conclude() {
        require(threads >= 1 && threads <= MAX_THREADS, "threads must be in [1, " + MAX_THREADS + "]: " + threads);
        require(readBufferSize >= 256 && readBufferSize <= (64 << 20),
                "readBufferSize must be in [256 B, 64 MiB]: " + readBufferSize);
        require(writeLowWaterMark >= 0, "writeLowWaterMark must not be negative: " + writeLowWaterMark);
        require(writeHighWaterMark > writeLowWaterMark,
                "writeHighWaterMark (" + writeHighWaterMark + ") must be above writeLowWaterMark (" + writeLowWaterMark + ")");
        require(maxPendingWriteBytes >= writeHighWaterMark,
                "maxPendingWriteBytes (" + maxPendingWriteBytes + ") must be at least writeHighWaterMark ("
                        + writeHighWaterMark + "): lower the water marks with writeWaterMarks(low, high), or raise the cap");
        require(maxPendingStreams >= 1 && maxPendingStreams <= MAX_PENDING_STREAMS,
                "maxPendingStreams must be in [1, " + MAX_PENDING_STREAMS + "]: " + maxPendingStreams);
        require(maxConnections >= 0, "maxConnections must be >= 0 (" + NO_CONNECTION_CAP + " = no cap): " + maxConnections);
        require(maxTasksPerIteration >= 1, "maxTasksPerIteration must be >= 1: " + maxTasksPerIteration);
        Objects.requireNonNull(maxTaskTimePerIteration, "maxTaskTimePerIteration");
        require(!maxTaskTimePerIteration.isNegative() && !maxTaskTimePerIteration.isZero(),
                "maxTaskTimePerIteration must be positive: " + maxTaskTimePerIteration);
        require(timerWheelSize >= 1 && timerWheelSize <= (1 << 20), "timerWheelSize must be in [1, 2^20]: " + timerWheelSize);
        require(backlog >= 1, "backlog must be >= 1: " + backlog);
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(overloadListener, "overloadListener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        requirePositive(timerTick, "timerTick");
        Objects.requireNonNull(shutdownDrainTimeout, "shutdownDrainTimeout");
        require(!shutdownDrainTimeout.isNegative(), "shutdownDrainTimeout must not be negative: " + shutdownDrainTimeout);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(acceptBackoffMin, "acceptBackoffMin");
        Objects.requireNonNull(acceptBackoffMax, "acceptBackoffMax");
        require(acceptBackoffMax.compareTo(acceptBackoffMin) >= 0,
                "acceptBackoffMax (" + acceptBackoffMax + ") must be >= acceptBackoffMin (" + acceptBackoffMin + ")");
        if (backend != null && !backend.equals(BackendAliases.AUTO)
                && !BackendAliases.AUTO_PREFERENCE.contains(backend)) {
            throw new IllegalArgumentException("unknown backend '" + backend + "'; use one of "
                    + BackendAliases.AUTO_PREFERENCE + " or " + BackendAliases.AUTO);
        }
        return this;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        require(!d.isNegative() && !d.isZero(), name + " must be positive: " + d);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
