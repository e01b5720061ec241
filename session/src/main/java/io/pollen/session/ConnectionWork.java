package io.pollen.session;

/**
 * A block of work that needs one unbroken connection, given to {@link SessionClient#withConnection}:
 * if the connection breaks mid-way (a {@link ConnectionLostException} from the handle), the whole block
 * runs again, from its start, on a fresh connection. Write it so that running it again is safe.
 *
 * <p>Runs on the thread that called {@code withConnection}, never on a loop thread.
 *
 * @param <T> what the block returns
 */
@FunctionalInterface
public interface ConnectionWork<T> {

    /**
     * @param handle the connection of this attempt
     * @return the block's result
     * @throws ConnectionLostException when the handle's connection broke: the block is run again
     * @throws RequestFailedException  when a request failed otherwise: ends {@code withConnection}
     * @throws InterruptedException    when the calling thread was interrupted
     */
    T run(ConnectionHandle handle) throws ConnectionLostException, RequestFailedException, InterruptedException;
}
