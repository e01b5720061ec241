package io.pollen.reactor.tck;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Deterministic pseudo-random bytes, so a large transfer can be checked by checksum without being
 * kept in memory.
 */
final class TestData {
    private TestData() {
    }

    /**
     * @param seed  which stream
     * @param index which chunk
     * @param size  chunk size
     * @return the chunk, ready to read
     */
    static ByteBuffer chunk(long seed, int index, int size) {
        ByteBuffer chunk = ByteBuffer.allocate(size);
        long x = seed * 0x9E3779B97F4A7C15L + index + 1;
        while (chunk.hasRemaining()) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            chunk.put((byte) x);
        }
        return chunk.flip();
    }

    /** @return the CRC-32 of {@code chunks} chunks of the stream */
    static long checksum(long seed, int chunks, int size) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < chunks; i++) {
            crc.update(chunk(seed, i, size));
        }
        return crc.getValue();
    }
}
