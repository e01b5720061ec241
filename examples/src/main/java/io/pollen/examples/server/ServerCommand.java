package io.pollen.examples.server;

import io.pollen.examples.cli.BackendNames;
import io.pollen.examples.cli.ByteSizeConverter;
import io.pollen.examples.cli.DurationConverter;
import io.pollen.examples.process.ParentWatch;
import io.pollen.examples.supervisor.WorkerCommand;
import io.pollen.examples.supervisor.WorkerSupervisor;
import io.pollen.reactor.ReactorBuilder;
import io.pollen.session.VirtualThreadsUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;

/**
 * The {@code server} command: the options and defaults of DESIGN.md's example contract, one line on
 * standard output once listening, and on SIGTERM/SIGINT a stop whose exit status tells how it went:
 * {@value #EXIT_CLEAN} once every session drained within the drain timeout, {@value #EXIT_FAILED} if the
 * timeout cut a drain short, an event loop had failed, or the command itself failed while running.
 *
 * <p>Two settings come from the environment rather than options: {@value #TOKEN_VARIABLE} (the REST bearer
 * token) and {@value HmacHelloAuthenticator#SECRET_VARIABLE} (the hello secret); and one from a system
 * property, {@value ExampleServerConfig#DRAIN_TIMEOUT_PROPERTY} (how long a stop drains, e.g. {@code 10s}),
 * so that the command line stays the contract's.
 *
 * <h2>Threading</h2>
 * Picocli fills the options and calls {@link #call()} on the main thread, which then waits until the
 * JVM's shutdown hook has closed the server.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the example session server: hello, ping, echo and upload over NetString-framed JSON, "
                + "plus the REST gateway.",
        footer = {"", "Off loopback the REST gateway requires a bearer token, read from the environment variable "
                + ServerCommand.TOKEN_VARIABLE + ".",
                "With " + HmacHelloAuthenticator.SECRET_VARIABLE + " set, a hello claiming an id must carry \"token\": "
                        + "the lower-case hex HMAC-SHA256 of the id under that secret.",
                "A stop drains for up to -D" + ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY + " (default 5s); "
                        + "the exit status is 0 only if everything drained."})
public final class ServerCommand implements Callable<Integer> {
    /** The environment variable holding the REST gateway's bearer token, if any. */
    public static final String TOKEN_VARIABLE = "POLLEN_REST_TOKEN";
    /** Exit status of a stop after every session drained in time. */
    public static final int EXIT_CLEAN = 0;
    /** Exit status when a drain was cut short, a loop failed, or the command failed while running. */
    public static final int EXIT_FAILED = 1;
    /** The hidden option a supervisor starts its workers with. */
    public static final String WORKER_OPTION = "--worker";

    /** Set when {@link #call()} fails after the shutdown hook is in place, so the hook does not report success. */
    private volatile boolean failedWhileRunning;

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", defaultValue = "auto", completionCandidates = BackendNames.class,
            converter = BackendNames.class, description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "7000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Address of the REST gateway (default: ${DEFAULT-VALUE}).")
    private String httpHost;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the REST gateway; 0 switches it off (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--threads", description = "Event loops (default: the number of cores).")
    private Integer threads;

    @Option(names = "--keepalive", defaultValue = "30s", converter = DurationConverter.class,
            description = "Keep-alive interval announced to clients, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
    private Duration keepAlive;

    @Option(names = "--keepalive-misses", defaultValue = "3",
            description = "Silent intervals after which a session is closed (default: ${DEFAULT-VALUE}).")
    private int keepAliveMisses;

    @Option(names = "--max-frame", defaultValue = "16m", converter = ByteSizeConverter.class,
            description = "Largest accepted payload: bytes, or with a k/m suffix (default: ${DEFAULT-VALUE}).")
    private long maxFrame;

    @Option(names = "--max-sessions", description = "Most sessions at once (default: no cap).")
    private Integer maxSessions;

    @Option(names = "--sequential", description = "Run the application handler as sequential code, one virtual "
            + "thread per session (needs Java 21+).")
    private boolean sequential;
    @Option(names = "--ping-interval", converter = DurationConverter.class,
            description = "Ping each client this often and record its round trip (rtt_us, /metrics), e.g. 10s (default: off).")
    private Duration pingInterval;

    @Option(names = "--redis", paramLabel = "URI", description = "Join the cluster in this Redis: redis://[user:password@]HOST:PORT, "
            + "or rediss:// for TLS (default: none, this process alone).")
    private String redis;

    @Option(names = "--node", paramLabel = "NAME", description = "This node's name in the cluster (default: host name and pid).")
    private String node;

    @Option(names = "--workers", defaultValue = "1", description = "Worker processes sharing --port through SO_REUSEPORT; "
            + "more than 1 makes this process their supervisor, serving REST for them all (needs --redis; default: ${DEFAULT-VALUE}).")
    private int workers;

    /** Set by a supervisor on the workers it starts: share the port, and stop when the supervisor is gone. */
    @Option(names = WORKER_OPTION, hidden = true)
    private boolean worker;

    /**
     * @return the settings the options describe, concluded
     * @throws ParameterException if a value is out of range, alone or together with another
     */
    public ExampleServerConfig config() {
        requireRange("--port", port, 0, 65_535);
        requireRange("--http-port", httpPort, 0, 65_535);
        int loops = threads == null ? ExampleServerConfig.DEFAULT_THREADS : threads;
        requireRange("--threads", loops, 1, ReactorBuilder.MAX_THREADS);
        requireRange("--keepalive-misses", keepAliveMisses, 1, Integer.MAX_VALUE);
        if (maxFrame < 1) {
            throw new ParameterException(spec.commandLine(), "--max-frame must be at least 1 byte");
        }
        int sessionCap = maxSessions == null ? ExampleServerConfig.NO_SESSION_CAP : maxSessions;
        if (maxSessions != null) {
            requireRange("--max-sessions", sessionCap, 1, Integer.MAX_VALUE);
        }
        ExampleServerConfig config = new ExampleServerConfig()
                .backend(backend)
                .address(resolve("--host", host, port))
                .httpAddress(httpPort == 0 ? null : resolve("--http-host", httpHost, httpPort))
                .httpToken(System.getenv(TOKEN_VARIABLE))
                .threads(loops)
                .keepAlive(k -> k.interval(keepAlive).misses(keepAliveMisses))
                .maxFrameLength(maxFrame)
                .maxSessions(sessionCap)
                .sequential(sequential)
                .pingInterval(pingInterval)
                .helloSecret(System.getenv(HmacHelloAuthenticator.SECRET_VARIABLE))
                .drainTimeout(drainTimeoutProperty())
                .redisUri(worker && redis == null ? System.getenv(WorkerCommand.REDIS_VARIABLE) : redis)
                .nodeName(node)
                .workers(workers)
                .reusePort(worker);
        try {
            return config.conclude();
        } catch (VirtualThreadsUnavailableException e) {
            throw new ParameterException(spec.commandLine(), "--sequential runs one virtual thread per session, which "
                    + "needs Java 21 or later; this is Java " + Runtime.version() + ": run it on Java 21+, or leave "
                    + "--sequential out", e);
        } catch (IllegalArgumentException e) {
            // Settings that are each in range but not together, such as a keep-alive limit that overflows.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private Duration drainTimeoutProperty() {
        String value = System.getProperty(ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY);
        if (value == null) {
            return ExampleServerConfig.DEFAULT_DRAIN_TIMEOUT;
        }
        try {
            return DurationConverter.parse(value);
        } catch (TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), "-D" + ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY + ": "
                    + e.getMessage(), e);
        }
    }

    private InetSocketAddress resolve(String option, String name, int portNumber) {
        InetSocketAddress address = new InetSocketAddress(name, portNumber);
        if (address.isUnresolved()) {
            throw new ParameterException(spec.commandLine(), option + " " + name + " is not a known host or address");
        }
        return address;
    }

    private void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be between " + min + " and " + max
                    + ", got " + value);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ExampleServerConfig config = config();
        if (config.workers() > 1) {
            return superviseWorkers(config);
        }
        if (worker) {
            ParentWatch.exitWhenClosed(System.in, "pollen worker " + config.resolvedNodeName());
        }
        ExampleServer server;
        try {
            server = ExampleServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return runUntilSignalled(server.listeningLine(), () -> stop(server), "pollen-server-shutdown");
    }

    /** {@code --workers N}: starts and watches the workers, serves REST for them, and stops them all on a signal. */
    private int superviseWorkers(ExampleServerConfig config) throws IOException, InterruptedException {
        WorkerSupervisor supervisor;
        try {
            supervisor = WorkerSupervisor.start(config, spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return runUntilSignalled(supervisor.listeningLine(),
                () -> supervisor.stop() && !failedWhileRunning ? EXIT_CLEAN : EXIT_FAILED, "pollen-supervisor-shutdown");
    }

    /**
     * Prints the listening line and waits for the shutdown hook, which stops what runs and halts the JVM
     * with the status {@code stop} gives. The hook runs on SIGTERM/SIGINT, and also when the JVM exits
     * because this command failed, and the JVM waits for it. It is the process's only hook, so halting
     * from it cuts nothing short; halting is the only way a hook can set the status (the JVM would report
     * 128+signal).
     */
    private int runUntilSignalled(String listeningLine, IntSupplier stop, String hookName) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = EXIT_FAILED;
            try {
                status = stop.getAsInt();
            } finally {
                // Even if stopping threw: a hook that dies would leave the JVM's own status, success for a signal.
                Runtime.getRuntime().halt(status);
            }
        }, hookName));
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println(listeningLine);
            out.flush();
            // Only the hook ends this wait, and it halts the JVM: this thread never returns normally.
            new CountDownLatch(1).await();
            return EXIT_CLEAN;
        } catch (RuntimeException | Error | InterruptedException e) {
            failedWhileRunning = true;
            throw e;
        }
    }

    /** Drains and closes the server, says how it went on standard error, and picks the exit status. */
    private int stop(ExampleServer server) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("pollen server stopping: draining " + server.sessions().registry().size() + " sessions");
        err.flush();
        boolean drained = server.shutdown();
        if (drained) {
            err.println("pollen server stopped");
        } else {
            err.println("pollen server stopped, but not cleanly: queued frames were still undelivered at the drain "
                    + "deadline (-D" + ExampleServerConfig.DRAIN_TIMEOUT_PROPERTY + ") or an event loop had failed");
        }
        err.flush();
        return drained && !failedWhileRunning ? EXIT_CLEAN : EXIT_FAILED;
    }
}
