/**
 * The load generator of DESIGN.md's example contract: thousands of {@link io.pollen.session.SessionClient}s
 * on one shared reactor, opened at a set rate over several source addresses, each pinging the server
 * every interval while the round trips are recorded in an HdrHistogram.
 *
 * <h2>Threading</h2>
 * One pacer thread (the caller of {@link io.pollen.examples.loadgen.LoadGenerator#run}) opens clients,
 * sends pings and prints progress; the reactor's loop threads deliver welcomes and pongs. What they
 * share is published through volatile fields, atomic counters and HdrHistogram's {@code Recorder}.
 */
package io.pollen.examples.loadgen;
