package io.pollen.examples;

import io.pollen.reactor.spi.BackendAliases;

import java.util.List;

/** The backends every example test runs on, declared once; {@link OnEveryBackend} binds a class to them. */
final class TestBackends {
    private TestBackends() {
    }

    /** @return every backend alias, best first */
    static List<String> all() {
        return BackendAliases.AUTO_PREFERENCE;
    }
}
