package io.pollen.examples.cli;

import io.pollen.reactor.spi.BackendAliases;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The values of {@code --backend}: {@code auto} and every alias of {@link BackendAliases}, so that the
 * list is declared once, in the reactor's SPI. Serves as picocli's completion candidates (shown in
 * {@code --help}) and as the converter that refuses anything else.
 *
 * <p>Stateless; safe from any thread.
 */
public final class BackendNames implements Iterable<String>, ITypeConverter<String> {
    private static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(BackendAliases.AUTO);
        names.addAll(BackendAliases.AUTO_PREFERENCE);
        return List.copyOf(names);
    }

    @Override
    public Iterator<String> iterator() {
        return NAMES.iterator();
    }

    @Override
    public String convert(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new TypeConversionException("'" + value + "' is not a backend: use one of " + String.join(", ", NAMES));
        }
        return name;
    }
}
