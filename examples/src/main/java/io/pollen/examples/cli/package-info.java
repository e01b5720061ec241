/**
 * Conversions of the example commands' option values: sizes ({@code 16m}), durations ({@code 30s}),
 * rates ({@code 500/s}), address lists and backend names, each with a message that tells the user
 * what a valid value looks like.
 *
 * <h2>Threading</h2>
 * Every converter is stateless and safe from any thread.
 */
package io.pollen.examples.cli;
