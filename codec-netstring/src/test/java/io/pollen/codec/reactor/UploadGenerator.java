package io.pollen.codec.reactor;

import io.pollen.codec.netstring.NetstringEncoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Produces one NetString frame holding {@code {"type":"upload","items":[...]}} with a given number of
 * fixed-width items, chunk by chunk, without ever holding more than one item: the source of a huge
 * message that a small heap can afford. Items have a fixed width, so the payload's length and token
 * count are known up front.
 *
 * <p>Shared with the {@code jmh} module through this module's test-jar, so that the forked test and
 * the benchmarks stream the same message. Not thread-safe: one generator per stream.
 */
public final class UploadGenerator {

    private static final byte[] PREFIX = "{\"type\":\"upload\",\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "]},".getBytes(StandardCharsets.US_ASCII);
    /** One item with its leading comma; the digits are rewritten per item. */
    private static final String ITEM_TEMPLATE = ",{\"id\":\"00000000\",\"v\":000000,\"ok\":true,\"tags\":[\"a\",\"b\"]}";
    private static final int ID_END = ITEM_TEMPLATE.indexOf("\",\"v\"");
    private static final int VALUE_END = ITEM_TEMPLATE.indexOf(",\"ok\"");
    /** Tokens of the envelope: {, type, "upload", items, [, ], }. */
    private static final long ENVELOPE_TOKENS = 7;
    /** Tokens per item: {, id, "...", v, 123456, ok, true, tags, [, "a", "b", ], }. */
    private static final long ITEM_TOKENS = 13;

    private final long items;
    private final byte[] header;
    private final byte[] item = ITEM_TEMPLATE.getBytes(StandardCharsets.US_ASCII);

    private byte[] piece;
    private int pieceOffset;
    /** -1 while the header and prefix are being sent, then the index of the next item to produce. */
    private long nextItem = -2;

    /**
     * @param items how many items the upload holds, at least one; see {@link #itemsFor(long)}
     */
    public UploadGenerator(long items) {
        if (items < 1) {
            throw new IllegalArgumentException("an upload needs at least one item, got " + items);
        }
        this.items = items;
        ByteBuffer headerBuffer = NetstringEncoder.header(payloadLength());
        this.header = new byte[headerBuffer.remaining()];
        headerBuffer.get(header);
    }

    /**
     * @param bytes the payload length wanted
     * @return the smallest item count whose payload reaches {@code bytes}
     */
    public static long itemsFor(long bytes) {
        long perItem = ITEM_TEMPLATE.length();
        return Math.max(1, (bytes - PREFIX.length - (SUFFIX.length - 1) + 1 + perItem - 1) / perItem);
    }

    /** @return the JSON payload's length in bytes */
    public long payloadLength() {
        // The first item has no leading comma; the frame's own comma is not payload.
        return PREFIX.length + items * ITEM_TEMPLATE.length() - 1 + SUFFIX.length - 1;
    }

    /** @return the whole frame's length: header, payload and comma */
    public long frameLength() {
        return header.length + payloadLength() + 1;
    }

    /** @return the number of JSON tokens in the payload */
    public long tokenCount() {
        return ENVELOPE_TOKENS + items * ITEM_TOKENS;
    }

    /** @return true while bytes remain */
    public boolean hasRemaining() {
        return piece == null || pieceOffset < piece.length || nextItem <= items;
    }

    /**
     * Writes the next bytes of the frame.
     *
     * @param chunk where to write, from position to limit
     */
    public void fill(ByteBuffer chunk) {
        while (chunk.hasRemaining() && nextPiece()) {
            int length = Math.min(chunk.remaining(), piece.length - pieceOffset);
            chunk.put(piece, pieceOffset, length);
            pieceOffset += length;
        }
    }

    private boolean nextPiece() {
        if (piece != null && pieceOffset < piece.length) {
            return true;
        }
        if (nextItem > items) {
            return false;
        }
        pieceOffset = 0;
        if (nextItem == -2) {
            piece = header;
        } else if (nextItem == -1) {
            piece = PREFIX;
        } else if (nextItem < items) {
            writeDigits(ID_END, 8, nextItem);
            writeDigits(VALUE_END, 6, 100_000 + nextItem % 900_000);
            piece = item;
            pieceOffset = nextItem == 0 ? 1 : 0;
        } else {
            piece = SUFFIX;
        }
        nextItem++;
        return true;
    }

    private void writeDigits(int end, int width, long value) {
        long rest = value;
        for (int i = end - 1; i >= end - width; i--) {
            item[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
