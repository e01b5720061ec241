package io.pollen.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The meters a binder registered, with their registries, so that closing the binder takes them out
 * again. Safe from any thread.
 */
final class BoundMeters {
    private final List<MeterRegistry> registries = new ArrayList<>();
    private final List<Meter> meters = new ArrayList<>();

    synchronized void add(MeterRegistry registry, Meter meter) {
        registries.add(registry);
        meters.add(meter);
    }

    /**
     * Registers a counter that reads a running total of {@code source}, with the binder's tags, and
     * remembers it.
     */
    <T> void counter(MeterRegistry registry, Tags tags, String name, T source, ToDoubleFunction<T> count,
                     String unit, String description) {
        add(registry, FunctionCounter.builder(name, source, count)
                .description(description).baseUnit(unit).tags(tags).register(registry));
    }

    synchronized void removeAll() {
        for (int i = 0; i < meters.size(); i++) {
            registries.get(i).remove(meters.get(i));
        }
        registries.clear();
        meters.clear();
    }
}
