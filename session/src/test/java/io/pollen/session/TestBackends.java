package io.pollen.session;

import io.pollen.reactor.spi.BackendAliases;

import java.util.List;

/** The backends every session test runs on, declared once; {@link OnEveryBackend} binds a class to them. */
public final class TestBackends {
    private TestBackends() {
    }

    /** @return every backend alias, best first */
    public static List<String> all() {
        return BackendAliases.AUTO_PREFERENCE;
    }
}
