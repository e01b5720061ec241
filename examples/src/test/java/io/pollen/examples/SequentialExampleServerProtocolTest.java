package io.pollen.examples;

import io.pollen.examples.server.ExampleServerConfig;

/**
 * DESIGN.md's wire-protocol table again, with the application running as sequential code
 * ({@code server --sequential}): every row must answer as with callbacks. On Java 21+ the sessions run
 * on virtual threads, as the command line's; before, on platform threads from
 * {@link ExampleServerConfig#sessionThreads}, which the command line has no option for (its refusal is
 * {@link SequentialServerCommandTest}'s).
 */
class SequentialExampleServerProtocolTest extends ExampleServerProtocolTest {

    SequentialExampleServerProtocolTest(String backend) {
        super(backend);
    }

    @Override
    ExampleServerConfig config() {
        ExampleServerConfig config = super.config().sequential(true);
        return Runtime.version().feature() >= 21 ? config : config.sessionThreads(Thread::new);
    }
}
