/**
 * Benchmarks of the session layer: the cost of keep-alives with tens of thousands of sessions.
 */
package io.pollen.jmh.session;
