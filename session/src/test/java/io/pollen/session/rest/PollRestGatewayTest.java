package io.pollen.session.rest;

import io.pollen.reactor.spi.BackendAliases;

/** The REST contract on the {@value BackendAliases#POLL} backend. */
class PollRestGatewayTest extends RestGatewayContractTest {
    @Override
    String backend() {
        return BackendAliases.POLL;
    }
}
