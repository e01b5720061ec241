package io.pollen.examples.server;

import io.pollen.session.SendResult;
import io.pollen.session.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one reply being built, kept in memory up to a bound and, past it, in a temporary file:
 * a reply of any size costs at most the bound in heap. {@link #sendTo} sends it as one frame, from
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
final class ReplySpool extends OutputStream {
    private static final System.Logger LOG = System.getLogger(ReplySpool.class.getName());
    private static final String FILE_PREFIX = "pollen-reply-";

    private final int memoryLimit;
    private Memory memory = new Memory();
    private FileChannel file;
    private long length;

    /** @param memoryLimit bytes kept in memory at most; more moves the whole reply to a temporary file */
    ReplySpool(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
        if (memory == null && file == null) {
            throw new IOException("the reply was sent or discarded already");
        }
        if (file == null && memory.size() + (long) count > memoryLimit) {
            spill();
        }
        if (file == null) {
            memory.write(bytes, offset, count);
        } else {
            writeFully(ByteBuffer.wrap(bytes, offset, count));
        }
        length += count;
    }

    /** Flushing is the generator's business; closing leaves the reply to {@link #sendTo} or {@link #discard}. */
    @Override
    public void close() {
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
        if (file == null) {
            SendResult result = session.send(memory.bytes());
            memory = null;
            return result;
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
        memory = null;
        if (file != null) {
            closeQuietly(file);
            file = null;
        }
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
        writeFully(memory.bytes());
        memory = null;
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

    /** A byte array stream whose bytes can be read without copying them. */
    private static final class Memory extends ByteArrayOutputStream {
        ByteBuffer bytes() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }
}
