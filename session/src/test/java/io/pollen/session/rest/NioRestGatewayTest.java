package io.pollen.session.rest;

import io.pollen.reactor.spi.BackendAliases;

/** The REST contract on the {@value BackendAliases#NIO} backend. */
class NioRestGatewayTest extends RestGatewayContractTest {
    @Override
    String backend() {
        return BackendAliases.NIO;
    }
}
