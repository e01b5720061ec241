package io.pollen.reactor.tck;

import io.pollen.reactor.Listener;
import io.pollen.reactor.Reactor;
import io.pollen.reactor.ReactorBuilder;
import io.pollen.reactor.ConnectionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The base of every conformance area: knows the backend under test, builds reactors on it, and
 * shuts them down after each test. Each area class is checked for descriptor leaks.
 */
@ExtendWith(DescriptorLeakCheck.class)
public abstract class ConformanceTest {
    /** The backend every test of this instance runs on. */
    protected final BackendUnderTest backend;
    private final List<Reactor> reactors = new ArrayList<>();

    /**
     * @param backend the backend under test
     */
    protected ConformanceTest(BackendUnderTest backend) {
        this.backend = backend;
    }

    /**
     * Builds a reactor on the backend under test; it is shut down after the test.
     *
     * @param settings adjusts the defaults of {@link BackendUnderTest#reactorBuilder()}
     * @return the running reactor
     */
    protected Reactor reactor(Consumer<ReactorBuilder> settings) {
        ReactorBuilder builder = backend.reactorBuilder();
        settings.accept(builder);
        Reactor reactor = builder.build();
        reactors.add(reactor);
        return reactor;
    }

    /** @return a reactor with the default test settings */
    protected Reactor reactor() {
        return reactor(b -> { });
    }

    /**
     * Listens on an ephemeral loopback port.
     *
     * @param reactor  the reactor
     * @param handlers one handler per connection
     * @return the listener
     */
    protected static Listener listenOnLoopback(Reactor reactor, Supplier<? extends ConnectionHandler> handlers) {
        try {
            return reactor.listen(new InetSocketAddress("127.0.0.1", 0), handlers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void shutDownReactors() {
        for (Reactor reactor : reactors) {
            reactor.shutdown(Duration.ofSeconds(5));
        }
        reactors.clear();
    }
}
