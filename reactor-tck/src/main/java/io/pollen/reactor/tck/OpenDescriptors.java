package io.pollen.reactor.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The process's open descriptors, read from {@code /proc/self/fd} (Linux). Safe from any thread.
 */
public final class OpenDescriptors {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    private OpenDescriptors() {
    }

    /** @return the number of open descriptors of this process */
    public static long count() {
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            // The listing's own directory descriptor is open while we count: leave it out.
            return fds.count() - 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FD_DIR + "; the leak checks need Linux", e);
        }
    }

    /** @return one line per open descriptor with its target, for leak reports */
    public static List<String> describe() {
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            return fds.map(OpenDescriptors::describe).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Path fd) {
        try {
            return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
        } catch (IOException e) {
            return fd.getFileName() + " -> (closed while listing)";
        }
    }
}
