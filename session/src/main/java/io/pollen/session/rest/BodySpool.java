package io.pollen.session.rest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where request bodies above the spool threshold wait to be sent: temporary files in one directory,
 * within one {@link SpoolBudget}.
 *
 * <p>A spool file is opened {@link StandardOpenOption#DELETE_ON_CLOSE}: on Linux and other Unix systems
 * the JDK unlinks it at once, so it never outlives its descriptor, even if the process is killed; where
 * the platform deletes only at close, the file is also marked {@link java.io.File#deleteOnExit()} as a
 * backstop.
 *
 * <p>Safe from any thread.
 */
final class BodySpool {
    private final Path directory;
    private final SpoolBudget budget;

    /**
     * @param directory where spool files are made
     * @param maxBytes  the most bytes live spool files may hold together
     */
    BodySpool(Path directory, long maxBytes) {
        this.directory = directory;
        this.budget = new SpoolBudget(maxBytes);
    }

    /**
     * @param reserve the bytes to reserve for it at once (the declared length, if known)
     * @return a new, empty spool file, readable and writable, or null if the budget has no room for
     *         {@code reserve} bytes
     * @throws IOException if the file cannot be made
     */
    SpoolChannel create(long reserve) throws IOException {
        if (!budget.tryReserve(reserve)) {
            return null;
        }
        Path path = null;
        try {
            path = Files.createTempFile(directory, "pollen-rest-", ".json");
            FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            if (Files.exists(path)) {
                // Only where DELETE_ON_CLOSE waits for the close: deleteOnExit keeps every path it is given
                // until exit, which must not grow with each request where the file is already gone.
                path.toFile().deleteOnExit();
            }
            return new SpoolChannel(file, budget, reserve);
        } catch (IOException | RuntimeException e) {
            budget.release(reserve);
            if (path != null) {
                Files.deleteIfExists(path);
            }
            throw e;
        }
    }

    /** @return the budget of all spool files */
    SpoolBudget budget() {
        return budget;
    }

    /** @return where spool files are made */
    Path directory() {
        return directory;
    }
}
