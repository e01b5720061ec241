package io.pollen.examples.server;

import io.pollen.session.SendResult;
import io.pollen.session.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one reply being built, kept in memory up to a bound and, past it, in a temporary file:
 * a reply of any size costs at most the bound in heap. The bytes are written as they come
 * ({@link #write(ByteBuffer)}), copied out of the buffer they arrive in. {@link #sendTo} sends it as one frame, from
 * memory or {@linkplain Session#sendFile streamed from the file}.
 *
 * <h2>Temporary files</h2>
 * The file is made by {@link Files#createTempFile} (in {@code java.io.tmpdir}) and opened with
 * {@link StandardOpenOption#DELETE_ON_CLOSE}, so it is deleted when its channel closes: by the session
 * once the reply is sent, or when the session closes first; here, by {@link #discard()} when the reply
 * is dropped (the message turned out not to be an echo, or was given up), or when a send is refused.
 * On Linux and other Unixes the JDK unlinks the name as soon as the channel is open, so not even a
 * killed JVM leaves a file behind. {@code File.deleteOnExit} is not used: its list keeps one entry per
 * spooled reply for the life of the JVM, a leak in a server that runs for months.
 *
 * <h2>Threading</h2>
 * One instance per reply, used by one thread at a time (the session's loop thread).
 */
final class ReplySpool {
    private static final System.Logger LOG = System.getLogger(ReplySpool.class.getName());
    private static final String FILE_PREFIX = "pollen-reply-";
    /** The memory buffer's first size; it doubles up to the bound as the reply grows. */
    private static final int FIRST_CAPACITY = 64 * 1024;

    private final int memoryLimit;
    private ByteBuffer memory;
    private FileChannel file;
    private long length;
    private boolean spent;

    /** @param memoryLimit bytes kept in memory at most; more moves the whole reply to a temporary file */
    ReplySpool(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    /**
     * Appends bytes to the reply.
     *
     * @param bytes the bytes, from position to limit; copied, and the buffer's position is not moved
     * @throws IOException if the temporary file cannot be made or written, or the spool is spent
     */
    void write(ByteBuffer bytes) throws IOException {
        if (spent) {
            throw new IOException("the reply was sent or discarded already");
        }
        int count = bytes.remaining();
        if (file == null && length + count > memoryLimit) {
            spill();
        }
        if (file == null) {
            ensureMemory(count).put(bytes.duplicate());
        } else {
            writeFully(bytes.duplicate());
        }
        length += count;
    }

    /** @return the reply's length so far */
    long length() {
        return length;
    }

    /** @return whether the reply outgrew memory and is in a temporary file */
    boolean isSpooled() {
        return file != null;
    }

    /**
     * Sends the reply as one frame; the spool is spent afterwards. A queued file belongs to the session,
     * which deletes it once sent; a refused one is deleted here.
     *
     * @param session the session to answer
     * @return what became of the send
     */
    SendResult sendTo(Session session) {
        spent = true;
        if (file == null) {
            ByteBuffer bytes = memory == null ? ByteBuffer.allocate(0) : memory.flip();
            memory = null;
            return session.send(bytes);
        }
        FileChannel spooled = file;
        file = null;
        SendResult result = session.sendFile(spooled, 0, length);
        if (!result.isQueued()) {
            closeQuietly(spooled);
        }
        return result;
    }

    /** Drops the reply, deleting its file if it has one. Idempotent. */
    void discard() {
        spent = true;
        memory = null;
        if (file != null) {
            closeQuietly(file);
            file = null;
        }
    }

    /** Grows the memory buffer, by doubling, to hold {@code count} more bytes; never past the bound. */
    private ByteBuffer ensureMemory(int count) {
        long needed = length + count; // at most memoryLimit: write() spills before that
        if (memory == null || memory.remaining() < count) {
            long doubled = memory == null ? FIRST_CAPACITY : 2L * memory.capacity();
            ByteBuffer grown = ByteBuffer.allocate((int) Math.max(needed, Math.min(doubled, memoryLimit)));
            if (memory != null) {
                grown.put(memory.flip());
            }
            memory = grown;
        }
        return memory;
    }

    private void spill() throws IOException {
        Path path = Files.createTempFile(FILE_PREFIX, ".json");
        try {
            file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        if (memory != null) {
            writeFully(memory.flip());
            memory = null;
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing (and so deleting) a reply's temporary file failed", e);
        }
    }
}
