/**
 * The runnable face of Pollen: {@link io.pollen.examples.PollenExamples}, the main class of
 * {@code pollen-examples.jar} with its {@code server} and {@code loadgen} commands, and
 * {@link io.pollen.examples.EmbeddedEchoServer}, the smallest program that embeds a session server.
 *
 * <h2>Threading</h2>
 * Both classes are programs: their {@code main} methods run on the main thread; the servers they
 * start follow the threading rules of {@link io.pollen.session.SessionServer}.
 */
package io.pollen.examples;
