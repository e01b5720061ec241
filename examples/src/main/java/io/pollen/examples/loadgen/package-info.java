/**
 * The load generator of DESIGN.md's example contract: thousands of {@link io.pollen.session.SessionClient}s
 * on one shared reactor, opened at a set rate over several source addresses, each pinging the server
 * every interval while the round trips are recorded in an HdrHistogram.
 *
 * <p>Past one process ({@code --processes P}), {@link io.pollen.examples.loadgen.LoadProcesses} runs
 * P child JVMs of the same jar, each a {@code LoadGenerator} over its
 * {@link io.pollen.examples.loadgen.LoadShares share} and under its own open-file limit; each child
 * reports on standard output in {@link io.pollen.examples.loadgen.ChildReport}'s lines (counters and
 * base64 HdrHistograms), and the parent adds the counters up and merges the histograms, so that the
 * summary's percentiles are those of every round trip, not an average of percentiles.
 *
 * <h2>Threading</h2>
 * One pacer thread (the caller of {@link io.pollen.examples.loadgen.LoadGenerator#run}) opens clients,
 * sends pings and prints progress; the reactor's loop threads deliver welcomes and pongs. What they
 * share is published through volatile fields, atomic counters and HdrHistogram's {@code Recorder}. A
 * parent of child processes folds their progress on its calling thread, and reads each child's output
 * on two threads of that child's own.
 */
package io.pollen.examples.loadgen;
