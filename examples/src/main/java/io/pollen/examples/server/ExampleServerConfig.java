package io.pollen.examples.server;

import io.pollen.session.KeepAlivePolicy;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the {@code server} command's options decide, in one immutable value: the same settings whether
 * the server is started from the command line or from a test.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param backend        a backend alias or {@code auto}
 * @param address        where sessions connect (port 0: any free port)
 * @param httpAddress    where the REST gateway listens, or null for no gateway
 * @param httpToken      the bearer token the REST gateway demands, or null for none (loopback only)
 * @param threads        event loops
 * @param keepAlive      the keep-alive interval announced in {@code welcome}, and the misses that close
 * @param maxFrameLength the largest accepted payload, in bytes
 * @param maxSessions    the most sessions at once, 0 for no cap
 */
public record ExampleServerConfig(String backend, InetSocketAddress address, InetSocketAddress httpAddress,
                                  String httpToken, int threads, KeepAlivePolicy keepAlive, long maxFrameLength,
                                  int maxSessions) {

    /**
     * @param backend        a backend alias or {@code auto}
     * @param address        where sessions connect
     * @param httpAddress    where the REST gateway listens, or null for none
     * @param httpToken      the REST bearer token, or null
     * @param threads        event loops
     * @param keepAlive      the keep-alive policy
     * @param maxFrameLength the largest accepted payload, in bytes
     * @param maxSessions    the most sessions at once, 0 for no cap
     * @throws IllegalArgumentException if {@code threads} is below 1 or {@code maxSessions} below 0
     */
    public ExampleServerConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (maxSessions < 0) {
            throw new IllegalArgumentException("max sessions must not be negative, got " + maxSessions);
        }
    }
}
