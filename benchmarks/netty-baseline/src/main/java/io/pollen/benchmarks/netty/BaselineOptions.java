package io.pollen.benchmarks.netty;

import java.time.Duration;
import java.util.Locale;

/**
 * The command line of the baseline server, parsed by hand (a benchmark-only tool should not pull in
 * a CLI library). Names and defaults follow Pollen's {@code server} command where they overlap.
 *
 * @param host            address to listen on
 * @param port            port to listen on; 0 picks a free one
 * @param threads         event loops; the listening socket shares one of them
 * @param keepAlive       keep-alive interval
 * @param keepAliveMisses silent intervals before a connection is closed
 * @param maxFrame        largest accepted payload, in bytes
 * @param reportEvery     how often the session count and direct memory go to stderr; zero for never
 */
record BaselineOptions(String host, int port, int threads, Duration keepAlive, int keepAliveMisses,
        int maxFrame, Duration reportEvery) {

    static final String USAGE = String.join("\n",
            "usage: java -jar netty-baseline.jar [options]",
            "  --host ADDRESS          address to listen on (default 127.0.0.1)",
            "  --port N                port to listen on, 0 for any free one (default 7400)",
            "  --threads N             event loops (default: the number of cores)",
            "  --keepalive DURATION    keep-alive interval: 500ms, 30s, 2m (default 30s)",
            "  --keepalive-misses N    silent intervals before a connection is closed (default 3)",
            "  --max-frame BYTES       largest accepted payload, with a k or m suffix (default 16m)",
            "  --report-every DURATION print 'netty baseline sessions=N direct_kib=D' on stderr this often,",
            "                          0 for never (default 5s)",
            "  --help                  print this and exit");

    /** Thrown for a command line that cannot be run; the message says which option and why. */
    static final class BadOptionException extends Exception {
        private static final long serialVersionUID = 1L;

        BadOptionException(String message) {
            super(message);
        }
    }

    /**
     * @param args the command line, without the program name
     * @return the options, or null if {@code --help} was asked for
     * @throws BadOptionException if an option is unknown, lacks its value or has a bad one
     */
    static BaselineOptions parse(String[] args) throws BadOptionException {
        String host = "127.0.0.1";
        int port = 7400;
        int threads = Runtime.getRuntime().availableProcessors();
        Duration keepAlive = Duration.ofSeconds(30);
        int misses = 3;
        int maxFrame = 16 << 20;
        Duration reportEvery = Duration.ofSeconds(5);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 == args.length) {
                throw new BadOptionException(option.startsWith("--") ? option + " needs a value"
                        : "unexpected argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--host" -> host = value;
                case "--port" -> port = integer(option, value, 0, 65_535);
                case "--threads" -> threads = integer(option, value, 1, 1024);
                case "--keepalive" -> keepAlive = duration(option, value, false);
                case "--keepalive-misses" -> misses = integer(option, value, 1, 1_000);
                case "--max-frame" -> maxFrame = bytes(option, value);
                case "--report-every" -> reportEvery = duration(option, value, true);
                default -> throw new BadOptionException("unknown option " + option);
            }
        }
        return new BaselineOptions(host, port, threads, keepAlive, misses, maxFrame, reportEvery);
    }

    private static int integer(String option, String value, int min, int max) throws BadOptionException {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadOptionException(option + " takes a whole number, got \"" + value + "\"");
        }
        if (parsed < min || parsed > max) {
            throw new BadOptionException(option + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) parsed;
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 2m}; a bare number is seconds. */
    private static Duration duration(String option, String value, boolean zeroAllowed) throws BadOptionException {
        String v = value.toLowerCase(Locale.ROOT);
        long unitMillis = 1_000;
        String digits = v;
        if (v.endsWith("ms")) {
            unitMillis = 1;
            digits = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            digits = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            unitMillis = 60_000;
            digits = v.substring(0, v.length() - 1);
        }
        long amount = integer(option, digits, zeroAllowed ? 0 : 1, Integer.MAX_VALUE);
        return Duration.ofMillis(amount * unitMillis);
    }

    /** Reads a byte count with an optional {@code k} or {@code m} suffix (powers of 1024). */
    private static int bytes(String option, String value) throws BadOptionException {
        String v = value.toLowerCase(Locale.ROOT);
        int shift = v.endsWith("k") ? 10 : v.endsWith("m") ? 20 : 0;
        String digits = shift == 0 ? v : v.substring(0, v.length() - 1);
        long amount = (long) integer(option, digits, 0, Integer.MAX_VALUE) << shift;
        if (amount > Integer.MAX_VALUE - 16) {
            // A frame is buffered whole in one ByteBuf, whose capacity is an int.
            throw new BadOptionException(option + " must be below 2g, got " + value);
        }
        return (int) amount;
    }
}
