package io.pollen.examples.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a rate per second, written {@code 500/s} or just {@code 500}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class RateConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        String text = value.trim();
        if (text.endsWith("/s")) {
            text = text.substring(0, text.length() - 2);
        }
        try {
            int rate = Integer.parseInt(text);
            if (rate > 0) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected form.
        }
        throw new TypeConversionException("'" + value + "' is not a rate: use a positive number per second (500/s)");
    }
}
