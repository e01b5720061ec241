package io.pollen.reactor.tck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test kit in a fresh JVM on this JVM's class path, for what one JVM cannot
 * show about itself: properties read once per JVM (kill switches), and running out of descriptors
 * under an open-file limit small enough to exhaust ({@code prlimit}).
 *
 * <p>The child gets the JNI checking of this JVM ({@code -Xcheck:jni} when this JVM has it) and
 * native access; its standard input is {@code /dev/null}, its output and error are merged and
 * returned. Not thread-safe: one instance per launch.
 */
final class ChildJvm {
    /** A hang guard only: a child that has not exited by then is killed and the test fails. */
    private static final long HANG_GUARD_SECONDS = 120;
    /** Where util-linux installs prlimit; {@code PATH} is searched when it is not there. */
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    /** The prefix of the lines a child reports its findings on, as {@code key=value}. */
    static final String RESULT_PREFIX = "pollen-tck-result ";

    private final List<String> command = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();

    /** @return a launch of a plain child JVM */
    static ChildJvm plain() {
        return new ChildJvm();
    }

    /**
     * A child JVM under {@code prlimit --nofile=limit:limit}, so that running out of descriptors
     * takes a few hundred files whatever the limit of this JVM.
     *
     * @param limit the soft and hard open-file limit of the child
     * @return the launch
     * @throws AssertionError if prlimit is not installed
     */
    static ChildJvm underOpenFileLimit(int limit) {
        ChildJvm child = new ChildJvm();
        child.command.add(prlimit().toString());
        child.command.add("--nofile=" + limit + ":" + limit);
        return child;
    }

    /**
     * @param option a JVM option for the child, such as {@code -Dname=value}
     * @return this
     */
    ChildJvm option(String option) {
        jvmOptions.add(option);
        return this;
    }

    /**
     * Runs {@code main} in the child and waits for it.
     *
     * @param main a class of the test kit with a {@code main} method
     * @param args its arguments
     * @return the exit status and output
     */
    Result run(Class<?> main, String... args) {
        List<String> full = new ArrayList<>(command);
        full.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        full.add("-Xmx256m");
        full.add("--enable-native-access=ALL-UNNAMED");
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-Xcheck:jni")) {
            full.add("-Xcheck:jni");
        }
        full.addAll(jvmOptions);
        full.add("-cp");
        full.add(System.getProperty("java.class.path"));
        full.add(main.getName());
        full.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream out = child.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!child.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the child JVM did not exit within " + HANG_GUARD_SECONDS + " s: "
                        + full + "\n" + output);
            }
            return new Result(full, child.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM: " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the child JVM " + full, e);
        }
    }

    private static Path prlimit() {
        if (Files.isExecutable(PRLIMIT)) {
            return PRLIMIT;
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "prlimit");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("prlimit is not installed (looked at " + PRLIMIT + " and on PATH): the"
                + " descriptor-exhaustion test runs in a child JVM under a small open-file limit set by"
                + " prlimit; install util-linux");
    }

    /**
     * Prints one finding for the parent, on a line {@link Result#findings()} picks out.
     *
     * @param key   the finding's name
     * @param value its value
     */
    static void report(String key, Object value) {
        System.out.println(RESULT_PREFIX + key + "=" + value);
    }

    /**
     * What a child did.
     *
     * @param command  how it was started
     * @param exitCode its exit status
     * @param output   its standard output and error, merged
     */
    record Result(List<String> command, int exitCode, String output) {
        /** @return the {@code key=value} findings the child reported with {@link #report}, in order */
        Map<String, String> findings() {
            Map<String, String> findings = new LinkedHashMap<>();
            output.lines().filter(line -> line.startsWith(RESULT_PREFIX)).map(line -> line.substring(RESULT_PREFIX.length()))
                    .forEach(line -> {
                        int equals = line.indexOf('=');
                        findings.put(line.substring(0, equals), line.substring(equals + 1));
                    });
            return findings;
        }

        /**
         * @param key a finding's name
         * @return its value
         * @throws AssertionError with the child's output if it did not report it
         */
        String finding(String key) {
            String value = findings().get(key);
            if (value == null) {
                throw new AssertionError("the child JVM reported no '" + key + "'; " + this);
            }
            return value;
        }

        @Override
        public String toString() {
            return "exit status " + exitCode + " of " + String.join(" ", command) + "\n--- output ---\n" + output;
        }
    }
}
