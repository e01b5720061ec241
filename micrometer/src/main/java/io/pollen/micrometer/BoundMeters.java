package io.pollen.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

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

    synchronized void removeAll() {
        for (int i = 0; i < meters.size(); i++) {
            registries.get(i).remove(meters.get(i));
        }
        registries.clear();
        meters.clear();
    }
}
