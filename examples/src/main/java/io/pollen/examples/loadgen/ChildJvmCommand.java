package io.pollen.examples.loadgen;

import io.pollen.examples.PollenExamples;
import io.pollen.examples.cli.DurationConverter;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of one load child: this JVM's own executable (or {@code java.home}'s) on this JVM's
 * class path (the jar, when run with {@code java -jar}), the JVM options that shape a run (heap, system
 * properties, JNI checking, native access), and {@code loadgen} with the options of the child's
 * {@link LoadShares share} and the hidden {@code --child}. The hello secret is not among them: it
 * travels in the child's environment, out of sight of {@code ps}.
 *
 * <p>Stateless; safe from any thread.
 */
final class ChildJvmCommand {
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private ChildJvmCommand() {
    }

    /**
     * @param share the child's part of the run
     * @return the command that runs it
     */
    static List<String> of(LoadPlan share) {
        List<String> command = new ArrayList<>(jvm());
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

    /** @return the java executable, the options passed on, and the class path */
    private static List<String> jvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvm = new ArrayList<>(List.of(java));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-D")
                    || option.equals("-Xcheck:jni") || option.startsWith("--enable-native-access")) {
                jvm.add(option);
            }
        }
        if (jvm.stream().noneMatch(option -> option.startsWith("--enable-native-access"))) {
            // With -cp the jar manifest's Enable-Native-Access does not apply: say it here instead.
            jvm.add(NATIVE_ACCESS);
        }
        jvm.add("-cp");
        jvm.add(System.getProperty("java.class.path"));
        return jvm;
    }
}
