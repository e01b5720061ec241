package io.pollen.examples.loadgen;

import io.pollen.examples.process.ParentWatch;

import io.pollen.examples.cli.DurationConverter;
import io.pollen.examples.cli.IpAddressConverter;
import io.pollen.examples.cli.RateConverter;
import io.pollen.examples.server.HmacHelloAuthenticator;
import io.pollen.reactor.Backends;
import io.pollen.session.SessionClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code loadgen} command: DESIGN.md's load-generator options, progress on standard error each
 * second, and the one JSON summary line on standard output at the end. With {@code --processes P} above
 * 1 it runs the clients in P children of its own ({@link LoadProcesses}), started with the hidden
 * {@value #CHILD_OPTION}, which makes a process report to its parent on standard output instead
 * ({@link ChildReport}) and stop when the parent goes ({@link ParentWatch}).
 *
 * <h2>Threading</h2>
 * Picocli fills the options and calls {@link #call()} on the main thread, which paces the run (or,
 * over several processes, folds the children's progress).
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Opens many keep-alive clients against a Pollen server, pings each every interval and "
                + "reports the round trips.",
                "Ends with one JSON line on standard output: {\"connected\":..,\"failed\":..,\"pings\":..,"
                        + "\"pongs\":..,\"reconnects\":..,\"retried\":..,\"lost\":..,\"p50_us\":..,\"p99_us\":..,"
                        + "\"p999_us\":..,\"max_us\":..} where connected counts clients holding a session at the end, "
                        + "failed the connections that could not be made or were lost, reconnects the sessions won "
                        + "back, retried the pings sent again after a reconnect and lost the pings that never got "
                        + "a pong (clients reconnect only with --retries above 0)."})
public final class LoadgenCommand implements Callable<Integer> {
    /** The hidden option that gives a child the index of its first client. */
    static final String FIRST_CLIENT_OPTION = "--first-client";
    /** The hidden option that makes this process a child of {@code --processes}. */
    static final String CHILD_OPTION = "--child";
    /**
     * Descriptors a load process needs besides its clients' sockets: the JVM's own (its jars, its
     * standard streams) and the reactor's pollers. An estimate, generous on purpose.
     */
    static final int DESCRIPTORS_BESIDES_CLIENTS = 64;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "7000", description = "Server port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--clients", defaultValue = "1000", description = "Clients to open (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--connect-rate", defaultValue = "1000/s", converter = RateConverter.class,
            description = "Clients opened per second, e.g. 500/s (default: ${DEFAULT-VALUE}).")
    private int connectRate;

    @Option(names = "--ping-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often each client pings, e.g. 500ms, 1s (default: ${DEFAULT-VALUE}).")
    private Duration pingInterval;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the run lasts, connecting included (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--source-ips", split = ",", converter = IpAddressConverter.class, paramLabel = "IP",
            description = "Local addresses to spread clients over, e.g. 127.0.0.2,127.0.0.3, each good for about "
                    + "28,000 ephemeral ports (default: the system's choice).")
    private List<InetAddress> sourceIps = new ArrayList<>();

    @Option(names = "--retries", defaultValue = "0",
            description = "How many times a ping whose connection breaks is sent again after the reconnect; "
                    + "0 (the default) also means clients do not reconnect.")
    private int retries;

    @Option(names = "--processes", defaultValue = "1",
            description = "Child processes of this jar to spread the clients over, each with its share of the clients, "
                    + "the connect rate and the source addresses, and its own open-file limit; one summary for all "
                    + "(default: ${DEFAULT-VALUE}, this process alone).")
    private int processes;

    @Option(names = "--hello", paramLabel = "PREFIX",
            description = "Client i (from 0, over all processes) claims the id PREFIX+i with its hello; with "
                    + HmacHelloAuthenticator.SECRET_VARIABLE + " set, the hello carries that id's token "
                    + "(default: no id, the server assigns one).")
    private String helloPrefix;

    /** A child's first client's index in the whole run, so that its ids continue the previous child's. */
    @Option(names = FIRST_CLIENT_OPTION, defaultValue = "0", hidden = true)
    private int firstClient;

    /** Run one share for a parent: report on standard output in {@link ChildReport}'s lines. */
    @Option(names = CHILD_OPTION, hidden = true)
    private boolean child;

    /**
     * @return the run the options describe
     * @throws ParameterException if a value is out of range
     */
    public LoadPlan plan() {
        if (port < 1 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, got " + port);
        }
        if (clients < 1) {
            throw new ParameterException(spec.commandLine(), "--clients must be at least 1, got " + clients);
        }
        if (retries < 0) {
            throw new ParameterException(spec.commandLine(), "--retries must be at least 0, got " + retries);
        }
        requireProcessesFit();
        InetSocketAddress server = new InetSocketAddress(host, port);
        if (server.isUnresolved()) {
            throw new ParameterException(spec.commandLine(), "--host " + host + " is not a known host or address");
        }
        return new LoadPlan(server, clients, connectRate, pingInterval, duration, sourceIps, retries, ids(server));
    }

    private void requireProcessesFit() {
        if (processes < 1) {
            throw new ParameterException(spec.commandLine(), "--processes must be at least 1, got " + processes);
        }
        if (child && processes != 1) {
            throw new ParameterException(spec.commandLine(), CHILD_OPTION + " runs one share and takes no --processes");
        }
        if (clients < processes) {
            throw new ParameterException(spec.commandLine(), "--clients (" + clients + ") must be at least --processes ("
                    + processes + "): each process runs one client at least");
        }
        if (connectRate < processes) {
            throw new ParameterException(spec.commandLine(), "--connect-rate (" + connectRate + "/s) must be at least "
                    + "--processes (" + processes + ") per second: each process opens its share at its own rate");
        }
        if (firstClient < 0) {
            throw new ParameterException(spec.commandLine(), FIRST_CLIENT_OPTION + " must be at least 0, got " + firstClient);
        }
        long limit = Backends.openFileLimit();
        long perProcess = (clients + (long) processes - 1) / processes;
        if (limit > 0 && perProcess + DESCRIPTORS_BESIDES_CLIENTS > limit) {
            long enough = (clients + limit - DESCRIPTORS_BESIDES_CLIENTS - 1) / Math.max(1, limit - DESCRIPTORS_BESIDES_CLIENTS);
            throw new ParameterException(spec.commandLine(), "--clients " + clients + " over " + processes
                    + " process(es) needs about " + (perProcess + DESCRIPTORS_BESIDES_CLIENTS) + " descriptors in each,"
                    + " above the open-file limit of " + limit + ": spread them with --processes " + enough
                    + " or raise the limit (ulimit -n)");
        }
    }

    /** @return the hello ids of {@code --hello}, with the secret of this process's environment */
    private ClientIds ids(InetSocketAddress server) {
        if (helloPrefix == null) {
            return ClientIds.NONE;
        }
        ClientIds ids;
        try {
            ids = new ClientIds(helloPrefix, firstClient, System.getenv(HmacHelloAuthenticator.SECRET_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        // The session layer's own rule for ids, checked on the longest one here rather than per client mid-run.
        String longest = ids.idOf(clients - 1);
        try {
            SessionClient.builder().remote(server).id(longest).conclude();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--hello " + helloPrefix + " makes ids such as '"
                    + longest + "' that a server refuses: " + e.getMessage());
        }
        return ids;
    }

    @Override
    public Integer call() {
        LoadPlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (child) {
            ParentWatch.exitWhenClosed(System.in, "loadgen child");
            ChildReport report = new ChildReport(out);
            report.result(new LoadGenerator(plan).run(report));
            return 0;
        }
        LoadResult result = processes == 1
                ? new LoadGenerator(plan).run(new ProgressLine(err))
                : new LoadProcesses(plan, processes).run(new ProgressLine(err), err);
        out.println(result.summary().toJson());
        out.flush();
        return 0;
    }
}
