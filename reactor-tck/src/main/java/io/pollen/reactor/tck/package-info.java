/**
 * The reactor conformance suite: one set of tests that every backend binds through
 * {@link io.pollen.reactor.tck.ReactorTestKit}. Tests live in {@code src/main/java} so that backend
 * modules (and third-party backends) can run them from their own test scope.
 *
 * <p>Conventions: each area class extends {@link io.pollen.reactor.tck.ConformanceTest}, talks to
 * the reactor over real loopback sockets (usually with a plain blocking
 * {@link io.pollen.reactor.tck.BlockingClient} as the peer), waits with
 * {@link io.pollen.reactor.tck.Await} rather than sleeping, and is checked for descriptor leaks by
 * {@link io.pollen.reactor.tck.DescriptorLeakCheck}.
 */
package io.pollen.reactor.tck;
