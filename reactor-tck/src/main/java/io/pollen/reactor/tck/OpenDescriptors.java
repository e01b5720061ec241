package io.pollen.reactor.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    /** @return the numbers of the descriptors open now, in a set the caller may change */
    public static Set<Integer> numbers() {
        Set<Integer> numbers;
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            numbers = fds.map(fd -> Integer.valueOf(fd.getFileName().toString())).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FD_DIR + "; the descriptor checks need Linux", e);
        }
        // Leave out the listing's own directory descriptor, closed by now.
        numbers.removeIf(fd -> !Files.exists(FD_DIR.resolve(Integer.toString(fd)), LinkOption.NOFOLLOW_LINKS));
        return numbers;
    }

    /** @return one line per open descriptor with its target, for leak reports */
    public static List<String> describe() {
        List<String> lines;
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            lines = fds.map(OpenDescriptors::describe).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Leave out the listing's own directory descriptor.
        String listing = " -> " + Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd");
        lines.removeIf(line -> line.endsWith(listing));
        return lines;
    }

    private static String describe(Path fd) {
        try {
            return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
        } catch (IOException e) {
            return fd.getFileName() + " -> (closed while listing)";
        }
    }
}
