package io.pollen.reactor;

/**
 * Anything registered with a loop's poller under a token: a connection or a listening socket.
 * Called only on the owning loop's thread.
 */
interface Registrant {

    /**
     * The poller found this registration ready.
     *
     * @param readyOps {@link io.pollen.reactor.spi.Interest} bits
     */
    void onReady(int readyOps);

    /** The loop is shutting down: close gracefully (connections drain, listeners stop). */
    void beginShutdown();

    /**
     * The shutdown deadline passed: close at once.
     *
     * @param cause why, for the handler
     */
    void abortForShutdown(Throwable cause);
}
