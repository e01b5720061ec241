package io.pollen.examples.loadgen;

import io.pollen.examples.PollenExamples;
import io.pollen.examples.cli.DurationConverter;
import io.pollen.examples.process.SameJvmCommand;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of one load child: {@linkplain SameJvmCommand this JVM again}, and {@code loadgen}
 * with the options of the child's
 * {@link LoadShares share} and the hidden {@code --child}. The hello secret is not among them: it
 * travels in the child's environment, out of sight of {@code ps}.
 *
 * <p>Stateless; safe from any thread.
 */
final class ChildJvmCommand {
    private ChildJvmCommand() {
    }

    /**
     * @param share the child's part of the run
     * @return the command that runs it
     */
    static List<String> of(LoadPlan share) {
        List<String> command = new ArrayList<>(SameJvmCommand.prefix());
        command.add(PollenExamples.class.getName());
        command.addAll(loadgenArguments(share));
        return command;
    }

    /**
     * @param share the child's part of the run
     * @return {@code loadgen} and the options that make a child run exactly that part
     */
    static List<String> loadgenArguments(LoadPlan share) {
        List<String> args = new ArrayList<>(List.of("loadgen",
                "--host", share.server().getAddress().getHostAddress(),
                "--port", Integer.toString(share.server().getPort()),
                "--clients", Integer.toString(share.clients()),
                "--connect-rate", share.connectRate() + "/s",
                "--ping-interval", DurationConverter.format(share.pingInterval()),
                "--duration", DurationConverter.format(share.duration()),
                "--retries", Integer.toString(share.retries())));
        if (!share.sourceIps().isEmpty()) {
            args.add("--source-ips");
            args.add(share.sourceIps().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
        }
        if (share.ids().prefix() != null) {
            args.add("--hello");
            args.add(share.ids().prefix());
            args.add(LoadgenCommand.FIRST_CLIENT_OPTION);
            args.add(Integer.toString(share.ids().firstIndex()));
        }
        args.add(LoadgenCommand.CHILD_OPTION);
        return args;
    }
}
