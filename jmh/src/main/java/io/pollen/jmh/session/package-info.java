/**
 * Benchmarks of the session layer: the cost of keep-alives with tens of thousands of sessions, and what
 * a sequential session costs per message over a callback.
 */
package io.pollen.jmh.session;
