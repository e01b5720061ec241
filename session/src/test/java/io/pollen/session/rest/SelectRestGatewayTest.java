package io.pollen.session.rest;

import io.pollen.reactor.spi.BackendAliases;

/** The REST contract on the {@value BackendAliases#SELECT} backend. */
class SelectRestGatewayTest extends RestGatewayContractTest {
    @Override
    String backend() {
        return BackendAliases.SELECT;
    }
}
