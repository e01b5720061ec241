package io.pollen.examples;

import io.pollen.examples.loadgen.LoadgenCommand;
import io.pollen.examples.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The main class of {@code pollen-examples.jar}:
 * {@code java -jar pollen-examples.jar server|loadgen [options]}, each with {@code --help}. A bad
 * option prints what is wrong and the usage on standard error, and exits with status 2; a failure
 * while running exits with status 1.
 *
 * <h2>Threading</h2>
 * Runs the chosen command on the main thread.
 */
@Command(name = "pollen-examples", mixinStandardHelpOptions = true, version = "Pollen examples 0.1.0",
        description = "The Pollen example server and load generator.",
        subcommands = {ServerCommand.class, LoadgenCommand.class})
public final class PollenExamples implements Callable<Integer> {
    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    @Spec
    private CommandSpec spec;

    /**
     * @param args a command and its options
     */
    public static void main(String[] args) {
        // The JDK's default log format spends two lines per record; the startup report is meant as one.
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, "%4$s: %5$s%6$s%n");
        }
        System.exit(commandLine().execute(args));
    }

    /** @return the configured command line, shared by {@link #main} and the tests */
    public static CommandLine commandLine() {
        return new CommandLine(new PollenExamples())
                .setParameterExceptionHandler((e, args) -> {
                    // The message says what is wrong; the full usage would bury it, so point to --help.
                    CommandLine failed = e.getCommandLine();
                    failed.getErr().println(e.getMessage());
                    failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
                    failed.getErr().flush();
                    return failed.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // A failure the user can act on deserves one line, not a stack trace.
                    commandLine.getErr().println("error: " + e.getMessage());
                    commandLine.getErr().flush();
                    return 1;
                });
    }

    /** Without a command there is nothing to run: say which ones exist, as for any other bad usage. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing command: server or loadgen");
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.commandLine().getCommandSpec().exitCodeOnInvalidInput();
    }
}
