package io.pollen.reactor.poll;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.ReactorTestKit;

/** The reactor conformance suite on the {@code poll} backend. */
class PollReactorTest extends ReactorTestKit {
    PollReactorTest() {
        super(BackendAliases.POLL);
    }
}
