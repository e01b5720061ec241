package io.pollen.reactor.select;

import io.pollen.reactor.spi.PollerCapacityException;

/**
 * A descriptor number is at or beyond {@code select(2)}'s {@code FD_SETSIZE}, so the select backend
 * cannot watch it: {@code FD_SET} on it would write past the end of the {@code fd_set}. Nothing was
 * registered; every other registration is untouched. The remedy is the poll or epoll backend.
 */
public final class FdLimitExceededException extends PollerCapacityException {
    private static final long serialVersionUID = 1L;

    private final int fd;
    private final int limit;

    /**
     * @param fd    the refused descriptor number
     * @param limit {@code FD_SETSIZE}, the first refused number
     */
    public FdLimitExceededException(int fd, int limit) {
        super("fd " + fd + " is beyond select(2)'s FD_SETSIZE of " + limit + "; use the poll or epoll backend");
        this.fd = fd;
        this.limit = limit;
    }

    /**
     * @return the refused descriptor number
     */
    public int fd() {
        return fd;
    }

    /**
     * @return {@code FD_SETSIZE}, the first descriptor number select cannot watch
     */
    public int limit() {
        return limit;
    }
}
