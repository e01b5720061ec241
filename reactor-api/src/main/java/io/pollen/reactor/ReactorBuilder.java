package io.pollen.reactor;

import io.pollen.reactor.spi.BackendAliases;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Reactor}: same-name fluent setters and getters, each default beside its
 * setter, and every check in {@link #build()} (so a setting is validated once, with the others).
 *
 * <p>Not thread-safe; build on one thread, then share the reactor.
 */
public final class ReactorBuilder {
    /** Default read buffer per loop: 64 KiB. */
    public static final int DEFAULT_READ_BUFFER_SIZE = 64 * 1024;
    /** Default high water mark: 64 KiB queued makes a connection unwritable. */
    public static final long DEFAULT_WRITE_HIGH_WATER_MARK = 64 * 1024;
    /** Default low water mark: 32 KiB queued makes it writable again. */
    public static final long DEFAULT_WRITE_LOW_WATER_MARK = 32 * 1024;
    /** Default hard cap on queued bytes per connection: 4 MiB. */
    public static final long DEFAULT_MAX_PENDING_WRITE_BYTES = 4L * 1024 * 1024;
    /** Default timer resolution: 10 ms, ample for keep-alives measured in seconds. */
    public static final Duration DEFAULT_TIMER_TICK = Duration.ofMillis(10);
    /** Default timer wheel size: 512 buckets, about five seconds per revolution at the default tick. */
    public static final int DEFAULT_TIMER_WHEEL_SIZE = 512;
    /** Default tasks run per loop iteration at most, so that tasks cannot starve I/O. */
    public static final int DEFAULT_MAX_TASKS_PER_ITERATION = 1024;
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

    private String backend;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int readBufferSize = DEFAULT_READ_BUFFER_SIZE;
    private long writeHighWaterMark = DEFAULT_WRITE_HIGH_WATER_MARK;
    private long writeLowWaterMark = DEFAULT_WRITE_LOW_WATER_MARK;
    private long maxPendingWriteBytes = DEFAULT_MAX_PENDING_WRITE_BYTES;
    private OverflowPolicy overflowPolicy = OverflowPolicy.REJECT_WRITE;
    private int maxConnections;
    private OverloadListener overloadListener = OverloadListener.NONE;
    private Duration timerTick = DEFAULT_TIMER_TICK;
    private int timerWheelSize = DEFAULT_TIMER_WHEEL_SIZE;
    private int maxTasksPerIteration = DEFAULT_MAX_TASKS_PER_ITERATION;
    private Duration shutdownDrainTimeout = DEFAULT_SHUTDOWN_DRAIN_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration acceptBackoffMin = DEFAULT_ACCEPT_BACKOFF_MIN;
    private Duration acceptBackoffMax = DEFAULT_ACCEPT_BACKOFF_MAX;
    private int backlog = DEFAULT_BACKLOG;
    private Clock clock = Clock.system();
    private String threadNamePrefix = "pollen";

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
     * @param threads the number of event loops (default: available processors)
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
     * @param bytes the size of each loop's one read buffer (default 64 KiB)
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
     * @param low  queued bytes at or below which an unwritable connection becomes writable
     * @param high queued bytes at or above which a connection becomes unwritable
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
     * @param bytes the hard cap on a connection's queued bytes (default 4 MiB)
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
     * @param policy what a write past the hard cap does (default {@link OverflowPolicy#REJECT_WRITE})
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
     * @param max the most connections open at once over all listeners; 0 (the default) for no cap
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
     * @param listener told of every overload (see {@link OverloadReason})
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
     * @param tick the timer resolution (default 10 ms)
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
     * @param buckets the timer wheel size (default 512; rounded up to a power of two)
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
     * @param max tasks run per loop iteration at most (default 1024)
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
     * @param timeout how long {@link Reactor#close()} lets queued writes drain (default 5 s)
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
     * @param timeout how long a client connect may take (default 10 s)
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
     * @param min the first pause of accepting after EMFILE/ENFILE (default 10 ms)
     * @param max the longest pause (default 1 s)
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
     * @param backlog the listen backlog (default 4096; the kernel caps it at somaxconn)
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
     * @param clock the loops' timer clock (default: the system's monotonic clock)
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
     * @param prefix the loop thread names' prefix (default {@code pollen})
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
     * Checks every setting, chooses the backend (logging the startup report once) and starts the
     * loops.
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

    /** Validates the settings together; called by {@link #build()}. */
    void conclude() {
        require(threads >= 1 && threads <= 1024, "threads must be in [1, 1024]: " + threads);
        require(readBufferSize >= 256 && readBufferSize <= (64 << 20),
                "readBufferSize must be in [256 B, 64 MiB]: " + readBufferSize);
        require(writeLowWaterMark >= 0, "writeLowWaterMark must not be negative: " + writeLowWaterMark);
        require(writeHighWaterMark > writeLowWaterMark,
                "writeHighWaterMark (" + writeHighWaterMark + ") must be above writeLowWaterMark (" + writeLowWaterMark + ")");
        require(maxPendingWriteBytes >= writeHighWaterMark,
                "maxPendingWriteBytes (" + maxPendingWriteBytes + ") must be at least writeHighWaterMark (" + writeHighWaterMark + ")");
        require(maxConnections >= 0, "maxConnections must be >= 0 (0 = no cap): " + maxConnections);
        require(maxTasksPerIteration >= 1, "maxTasksPerIteration must be >= 1: " + maxTasksPerIteration);
        require(timerWheelSize >= 1 && timerWheelSize <= (1 << 20), "timerWheelSize must be in [1, 2^20]: " + timerWheelSize);
        require(backlog >= 1, "backlog must be >= 1: " + backlog);
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(overloadListener, "overloadListener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        requirePositive(timerTick, "timerTick");
        requirePositive(shutdownDrainTimeout.plusNanos(1), "shutdownDrainTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(acceptBackoffMin, "acceptBackoffMin");
        require(acceptBackoffMax.compareTo(acceptBackoffMin) >= 0, "acceptBackoffMax must be >= acceptBackoffMin");
        if (backend != null && !backend.equals(BackendAliases.AUTO)
                && !BackendAliases.AUTO_PREFERENCE.contains(backend)) {
            throw new IllegalArgumentException("unknown backend '" + backend + "'; use one of "
                    + BackendAliases.AUTO_PREFERENCE + " or " + BackendAliases.AUTO);
        }
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
