package io.pollen.session.rest;

import io.pollen.reactor.spi.BackendAliases;

/** The REST contract on the {@value BackendAliases#EPOLL} backend. */
class EpollRestGatewayTest extends RestGatewayContractTest {
    @Override
    String backend() {
        return BackendAliases.EPOLL;
    }
}
