package io.pollen.jmh.upload;

import java.util.List;
import java.util.Locale;

/**
 * How the end-to-end clients report their timed runs: each rate, and the median. Stateless.
 */
final class RunRates {
    private RunRates() {
    }

    /** @return the rates as a JSON array's contents, one decimal each */
    static String each(List<Double> rates) {
        StringBuilder each = new StringBuilder();
        for (double rate : rates) {
            each.append(each.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", rate));
        }
        return each.toString();
    }

    /** @return the median of at least one rate */
    static double median(List<Double> rates) {
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
