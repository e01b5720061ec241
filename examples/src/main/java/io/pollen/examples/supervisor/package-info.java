/**
 * {@code server --workers N}: a supervisor of worker processes that share one port through
 * {@code SO_REUSEPORT}, each a node of a Redis cluster, with the supervisor serving REST for all of them
 * and restarting a worker that dies.
 */
package io.pollen.examples.supervisor;
