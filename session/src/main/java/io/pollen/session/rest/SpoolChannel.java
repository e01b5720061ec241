package io.pollen.session.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A spool file's channel that gives the file's share of the {@link SpoolBudget} back when it is closed,
 * whoever closes it: the gateway, or the session that was handed the file to send and closes it once
 * sent. Every operation is the underlying file channel's, so {@link #transferTo} is still the
 * platform's zero-copy send.
 *
 * <p>Thread safety is the underlying channel's; the reservation is changed by the one request thread
 * that writes the file, before it is handed over.
 */
final class SpoolChannel extends FileChannel {
    private final FileChannel file;
    private final SpoolBudget budget;
    private long reserved;

    /**
     * @param file     the open spool file, deleted when closed
     * @param budget   the budget its bytes are counted in
     * @param reserved the share already reserved for it
     */
    SpoolChannel(FileChannel file, SpoolBudget budget, long reserved) {
        this.file = file;
        this.budget = budget;
        this.reserved = reserved;
    }

    /**
     * Makes sure the file's share covers {@code length} bytes.
     *
     * @param length the length the file is about to reach
     * @return false if the budget has no room for it (the share is unchanged)
     */
    boolean reserveUpTo(long length) {
        if (length <= reserved) {
            return true;
        }
        if (!budget.tryReserve(length - reserved)) {
            return false;
        }
        reserved = length;
        return true;
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            file.close();
        } finally {
            budget.release(reserved);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return file.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return file.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return file.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return file.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }
}
