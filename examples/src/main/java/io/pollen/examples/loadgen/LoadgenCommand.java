package io.pollen.examples.loadgen;

import io.pollen.examples.cli.DurationConverter;
import io.pollen.examples.cli.IpAddressConverter;
import io.pollen.examples.cli.RateConverter;
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
 * second, and the one JSON summary line on standard output at the end.
 *
 * <h2>Threading</h2>
 * Picocli fills the options and calls {@link #call()} on the main thread, which paces the run.
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
        InetSocketAddress server = new InetSocketAddress(host, port);
        if (server.isUnresolved()) {
            throw new ParameterException(spec.commandLine(), "--host " + host + " is not a known host or address");
        }
        return new LoadPlan(server, clients, connectRate, pingInterval, duration, sourceIps, retries);
    }

    @Override
    public Integer call() {
        LoadSummary summary = new LoadGenerator(plan()).run(spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary.toJson());
        out.flush();
        return 0;
    }
}
