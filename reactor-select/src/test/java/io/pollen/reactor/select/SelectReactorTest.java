package io.pollen.reactor.select;

import io.pollen.reactor.spi.BackendAliases;
import io.pollen.reactor.tck.ReactorTestKit;

/** The reactor conformance suite on the {@code select} backend. */
class SelectReactorTest extends ReactorTestKit {
    SelectReactorTest() {
        super(BackendAliases.SELECT);
    }
}
