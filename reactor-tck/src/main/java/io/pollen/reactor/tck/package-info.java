/**
 * The conformance suites every backend binds: {@link io.pollen.reactor.tck.ReactorTestKit} drives a
 * whole reactor, {@link io.pollen.reactor.tck.PollerTestKit} one
 * {@link io.pollen.reactor.spi.Poller}. Tests live in {@code src/main/java} so that backend modules
 * (and third-party backends) run them from their own test scope, each binding a kit in a few lines
 * with its alias; a kit finds the backend through discovery and adapts to its
 * {@link io.pollen.reactor.spi.BackendCapabilities} rather than skipping.
 *
 * <p>Conventions: each area class extends {@link io.pollen.reactor.tck.ConformanceTest} or
 * {@link io.pollen.reactor.tck.PollerConformanceTest} and is checked for descriptor leaks by
 * {@link io.pollen.reactor.tck.DescriptorLeakCheck}. Tests talk over real loopback sockets (usually
 * with a plain blocking {@link io.pollen.reactor.tck.BlockingClient} as the peer) and wait for an
 * observable condition with {@link io.pollen.reactor.tck.Await}, never for a fixed time. What one
 * JVM cannot show about itself (kill switches read once, running out of descriptors under a small
 * open-file limit) runs in a child JVM. Speed is measured in {@code jmh/}, never asserted here;
 * "no spin" and "no allocation" are asserted as counts (loop iterations, allocated bytes).
 */
package io.pollen.reactor.tck;
