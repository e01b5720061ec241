package io.pollen.examples.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * Reads a size in bytes: a plain number is bytes, a {@code k} or {@code m} suffix (either case)
 * multiplies by 1024 or 1024², so {@code 16m} is 16,777,216 bytes, the default frame limit.
 * Binary multiples because the codec's own defaults are ({@code 16L << 20}).
 *
 * <p>Stateless; safe from any thread.
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /**
     * @param value a size such as {@code 1048576}, {@code 64k} or {@code 16m}
     * @return the size in bytes
     * @throws TypeConversionException if the value is not a non-negative size
     */
    public static long parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (text.endsWith("k")) {
            multiplier = 1L << 10;
        } else if (text.endsWith("m")) {
            multiplier = 1L << 20;
        }
        String digits = multiplier == 1 ? text : text.substring(0, text.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new TypeConversionException("'" + value + "' is not a size: use bytes (1048576) or a k/m suffix (64k, 16m)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too large a size");
        }
    }
}
