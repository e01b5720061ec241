package io.pollen.reactor.tck;

import org.junit.jupiter.api.Nested;

/**
 * The reactor conformance suite, written once. A backend module binds it in a few lines:
 *
 * <pre>{@code
 * class NioReactorTest extends ReactorTestKit {
 *     NioReactorTest() {
 *         super(BackendAliases.NIO);
 *     }
 * }
 * }</pre>
 *
 * Each area is a nested class (Surefire reports it under the kit's name, {@code ReactorTestKit$Echo}
 * and so on, whichever class bound it) and adapts to the backend's
 * {@link io.pollen.reactor.spi.BackendCapabilities} (select's descriptor cap) rather than being
 * skipped. An unavailable backend fails the run. The {@link PollerTestKit} is bound the same way
 * and checks the poller underneath on its own.
 */
public abstract class ReactorTestKit {
    private final BackendUnderTest backend;

    /**
     * @param alias the alias of the backend to test
     */
    protected ReactorTestKit(String alias) {
        this.backend = BackendUnderTest.of(alias);
    }

    /** @return the backend under test */
    protected BackendUnderTest backend() {
        return backend;
    }

    @Nested
    class Echo extends EchoConformance {
        Echo() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class ManyConnections extends ManyConnectionsConformance {
        ManyConnections() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class LargeTransfer extends LargeTransferConformance {
        LargeTransfer() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class StreamedWrites extends StreamedWriteConformance {
        StreamedWrites() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class PeerClose extends PeerCloseConformance {
        PeerClose() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class ForeignThreadWrites extends ForeignThreadWritesConformance {
        ForeignThreadWrites() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class BackPressure extends BackPressureConformance {
        BackPressure() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class Timers extends TimerConformance {
        Timers() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class Wakeup extends WakeupConformance {
        Wakeup() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class AcceptOverload extends AcceptOverloadConformance {
        AcceptOverload() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class Shutdown extends ShutdownConformance {
        Shutdown() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class HandlerFailure extends HandlerFailureConformance {
        HandlerFailure() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class TaskRefusal extends TaskRefusalConformance {
        TaskRefusal() {
            super(ReactorTestKit.this.backend);
        }
    }

    @Nested
    class ReusePort extends ReusePortConformance {
        ReusePort() {
            super(ReactorTestKit.this.backend);
        }
    }
}
