package io.pollen.reactor;

import io.pollen.reactor.spi.PollerProvider;

/**
 * The outcome of backend discovery: the chosen provider and the startup report explaining the
 * choice.
 *
 * @param provider  the chosen backend
 * @param requested what was asked for: an alias or {@code auto}
 * @param report    one line naming the chosen backend, why each other was not chosen, and the
 *                  process's open-file limit
 */
public record BackendChoice(PollerProvider provider, String requested, String report) {
}
