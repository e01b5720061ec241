package io.pollen.examples.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a positive duration written as a whole number and a unit: {@code 500ms}, {@code 30s},
 * {@code 2m} or {@code 1h}. A bare number is refused rather than guessed at, since seconds and
 * milliseconds are both plausible for a keep-alive.
 *
 * <p>Stateless; safe from any thread.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * @param value a duration such as {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}
     * @return the duration
     * @throws TypeConversionException if the value is not a positive duration with a unit
     */
    public static Duration parse(String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration: use a number and a unit (500ms, 30s, 2m, 1h)");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return duration;
    }

    /**
     * @param duration a duration
     * @return it in the shortest form {@link #parse} reads back ({@code 30s}, {@code 1500ms})
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis >= 60_000) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
