package io.pollen.examples;

import io.pollen.reactor.spi.BackendAliases;

import java.util.List;

/** The backends every example test runs on, declared once. */
final class TestBackends {
    private TestBackends() {
    }

    /** @return every backend alias, for {@code @MethodSource("io.pollen.examples.TestBackends#all")} */
    static List<String> all() {
        return BackendAliases.AUTO_PREFERENCE;
    }
}
