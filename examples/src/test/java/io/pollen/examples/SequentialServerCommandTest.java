package io.pollen.examples;

import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.examples.server.ServerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code server --sequential} as users type it: taken on Java 21+, refused with the remedy before. */
class SequentialServerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void sequentialIsOffByDefault() {
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.parseArgs("server");

        assertThat(commandLine.getSubcommands().get("server").<ServerCommand>getCommand().config().sequential()).isFalse();
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).contains("--sequential");
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void sequentialReachesTheConfigOnJava21() {
        CommandLine commandLine = PollenExamples.commandLine();
        commandLine.parseArgs("server", "--sequential");

        ExampleServerConfig config = commandLine.getSubcommands().get("server").<ServerCommand>getCommand().config();

        assertThat(config.sequential()).isTrue();
        assertThat(config.sessionThreads()).as("virtual threads").isNull();
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void sequentialBeforeJava21IsRefusedWithUsageStatusAndTheReason() {
        int status = run("server", "--sequential", "--port", "0", "--http-port", "0", "--threads", "1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--sequential runs one virtual thread per session",
                "needs Java 21 or later", "this is Java " + Runtime.version());
        assertThat(out.toString()).as("no server started").doesNotContain("listening");
    }
}
