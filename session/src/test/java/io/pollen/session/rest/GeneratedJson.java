package io.pollen.session.rest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A large JSON message made as it is read, so a test never holds it: {@code {"type":"big","items":["..",..]}}
 * with items of 1000 characters, at least {@code minLength} bytes in all. Every instance of one length
 * yields the same bytes, so a second one gives the expected digest. Not thread-safe.
 */
final class GeneratedJson extends InputStream {
    private static final byte[] HEAD = "{\"type\":\"big\",\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final int ITEM_CHARS = 1000;

    private final long items;
    private final byte[] lastByte;
    private long position;
    private final long length;

    /**
     * @param minLength the least length in bytes
     * @param lastByte  the final byte: {@code '}'} for valid JSON, anything else to break it at the very end
     */
    GeneratedJson(long minLength, char lastByte) {
        this(Math.max(1, (minLength - HEAD.length - TAIL.length) / (ITEM_CHARS + 3L) + 1), (byte) lastByte);
    }

    private GeneratedJson(long items, byte lastByte) {
        // Each item: quote, characters, quote, and a comma before all but the first.
        this.items = items;
        this.length = HEAD.length + items * (ITEM_CHARS + 3L) - 1 + TAIL.length;
        this.lastByte = new byte[] {lastByte};
    }

    /** @return the message's length in bytes */
    long length() {
        return length;
    }

    /** @return the digest of the whole message, computed by reading a fresh copy */
    NetStringTestClient.FrameDigest digest() {
        GeneratedJson copy = new GeneratedJson(items, lastByte[0]);
        MessageDigest digest = NetStringTestClient.FrameDigest.newSha256();
        byte[] buffer = new byte[64 * 1024];
        int count;
        while ((count = copy.read(buffer, 0, buffer.length)) > 0) {
            digest.update(buffer, 0, count);
        }
        return new NetStringTestClient.FrameDigest(digest.digest(), length);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int max) {
        if (position >= length) {
            return -1;
        }
        int count = (int) Math.min(max, length - position);
        for (int i = 0; i < count; i++) {
            buffer[offset + i] = byteAt(position + i);
        }
        position += count;
        return count;
    }

    private byte byteAt(long at) {
        if (at == length - 1) {
            return lastByte[0];
        }
        if (at < HEAD.length) {
            return HEAD[(int) at];
        }
        if (at >= length - TAIL.length) {
            return TAIL[(int) (at - (length - TAIL.length))];
        }
        long inItems = at - HEAD.length;
        // The first item has no comma: shift by one so that every item is ",\"x..x\"" after it.
        long shifted = inItems + 1;
        int inItem = (int) (shifted % (ITEM_CHARS + 3L));
        if (inItem == 0) {
            return ',';
        }
        if (inItem == 1 || inItem == ITEM_CHARS + 2) {
            return '"';
        }
        return (byte) ('a' + (shifted / (ITEM_CHARS + 3L) + inItem) % 26);
    }
}
