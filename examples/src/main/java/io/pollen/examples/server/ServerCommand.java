package io.pollen.examples.server;

import io.pollen.examples.cli.BackendNames;
import io.pollen.examples.cli.ByteSizeConverter;
import io.pollen.examples.cli.DurationConverter;
import io.pollen.reactor.ReactorBuilder;
import io.pollen.session.VirtualThreadsUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code server} command: the options and defaults of DESIGN.md's example contract, one line on
 * standard output once listening, and a clean exit on SIGTERM/SIGINT after the sessions drained.
 *
 * <h2>Threading</h2>
 * Picocli fills the options and calls {@link #call()} on the main thread, which then waits until the
 * JVM's shutdown hook has closed the server.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the example session server: hello, ping, echo and upload over NetString-framed JSON, "
                + "plus the REST gateway.",
        footer = {"", "Off loopback the REST gateway requires a bearer token, read from the environment variable "
                + ServerCommand.TOKEN_VARIABLE + "."})
public final class ServerCommand implements Callable<Integer> {
    /** The environment variable holding the REST gateway's bearer token, if any. */
    public static final String TOKEN_VARIABLE = "POLLEN_REST_TOKEN";

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
                .pingInterval(pingInterval);
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
        ExampleServer server;
        try {
            server = ExampleServer.start(config);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook does the draining: it runs on SIGTERM/SIGINT, and the JVM waits for it before exiting.
        // It is the process's only hook, so ending the JVM from it cuts nothing short.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            spec.commandLine().getErr().println("pollen server stopping: draining "
                    + server.sessions().registry().size() + " sessions");
            spec.commandLine().getErr().flush();
            server.close();
            stopped.countDown();
            spec.commandLine().getErr().println("pollen server stopped");
            spec.commandLine().getErr().flush();
            // Everything is drained and closed: end with status 0 (a clean stop) rather than the
            // 128+signal status the JVM would report for a signal.
            Runtime.getRuntime().halt(0);
        }, "pollen-server-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.listeningLine());
        out.flush();
        stopped.await();
        return 0;
    }
}
