package io.pollen.reactor;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Turns client-connect failures into {@link ConnectException}s that name both ends, since the JDK's
 * messages ("Connection refused") do not say to where.
 */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static ConnectException describe(InetSocketAddress remote, InetSocketAddress local, Throwable failure) {
        ConnectException e = new ConnectException("connect to " + remote
                + (local == null ? "" : " from " + local) + " failed: " + failure.getMessage());
        e.initCause(failure);
        return e;
    }

    static ConnectException timedOut(InetSocketAddress remote, long timeoutNanos) {
        return new ConnectException("connect to " + remote + " timed out after "
                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    }
}
