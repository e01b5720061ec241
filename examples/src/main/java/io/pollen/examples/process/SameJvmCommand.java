package io.pollen.examples.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a child of this JVM is started as the same program: this JVM's own executable (or
 * {@code java.home}'s) on this JVM's class path (the jar, when run with {@code java -jar}), with the JVM
 * options that shape a run (heap, system properties, JNI checking, native access); the caller appends the
 * main class and its arguments.
 *
 * <p>Stateless; safe from any thread.
 */
public final class SameJvmCommand {
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private SameJvmCommand() {
    }

    /** @return the java executable, the options passed on, and {@code -cp} with this JVM's class path */
    public static List<String> prefix() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvm = new ArrayList<>(List.of(java));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-D")
                    || option.equals("-Xcheck:jni") || option.startsWith("--enable-native-access")) {
                jvm.add(option);
            }
        }
        if (jvm.stream().noneMatch(option -> option.startsWith("--enable-native-access"))) {
            // With -cp the jar manifest's Enable-Native-Access does not apply: say it here instead.
            jvm.add(NATIVE_ACCESS);
        }
        jvm.add("-cp");
        jvm.add(System.getProperty("java.class.path"));
        return jvm;
    }
}
