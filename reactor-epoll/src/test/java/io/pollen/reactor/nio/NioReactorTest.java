package io.pollen.reactor.nio;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.ReactorTestKit;

/** The reactor conformance suite on the {@code nio} backend. */
class NioReactorTest extends ReactorTestKit {
    NioReactorTest() {
        super(BackendAliases.NIO);
    }
}
