package io.pollen.jmh.upload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One {@code upload} message of a given size, framed as a NetString and held in a direct buffer, so
 * that the client sends it with no copy and no CPU of its own beyond the system call: the server
 * does the measured work. Built once per run of the client.
 *
 * <p>Two shapes: {@link Shape#ITEMS}, small objects of six members (about 4.6 bytes per JSON token,
 * the worst case for a token-by-token parser), and {@link Shape#STRINGS}, 1000-character strings
 * (one token per kilobyte: what bytes alone cost). The {@code "type"} member comes first or last.
 *
 * <p>Immutable once built; {@link #frame()} hands out a fresh view for each send.
 */
final class UploadDocument {

    /** What the array of the upload holds. */
    enum Shape {
        /** {@code {"id":"00000000","v":123456,"ok":true,"tags":["a","b"]}}: 13 tokens in 60 bytes. */
        ITEMS("{\"id\":\"00000000\",\"v\":123456,\"ok\":true,\"tags\":[\"a\",\"b\"]}", 13),
        /** One string of 1000 characters: 1 token in 1002 bytes. */
        STRINGS("\"" + "abcdefghij".repeat(100) + "\"", 1);

        final byte[] item;
        final long tokensPerItem;

        Shape(String item, long tokensPerItem) {
            this.item = item.getBytes(StandardCharsets.US_ASCII);
            this.tokensPerItem = tokensPerItem;
        }

        static Shape parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static final byte[] TYPE_MEMBER = "\"type\":\"upload\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ITEMS_NAME = "\"items\":[".getBytes(StandardCharsets.US_ASCII);
    /** Tokens around the items: {, type, "upload", items, [, ], }. */
    private static final long ENVELOPE_TOKENS = 7;

    private final ByteBuffer frame;
    private final long payloadLength;
    private final long tokens;

    /**
     * @param payloadBytes the payload size wanted; the document is the smallest whole number of items
     *                     reaching it
     * @param typeLast     whether {@code "type"} is the last member instead of the first
     * @param shape        what the items are
     */
    UploadDocument(long payloadBytes, boolean typeLast, Shape shape) {
        long envelope = 1 + TYPE_MEMBER.length + 1 + ITEMS_NAME.length + 1 + 1;
        long perItem = shape.item.length + 1; // with its comma
        long items = Math.max(1, (payloadBytes - envelope + perItem) / perItem);
        this.payloadLength = envelope + items * perItem - 1;
        this.tokens = ENVELOPE_TOKENS + items * shape.tokensPerItem;
        byte[] header = (payloadLength + ":").getBytes(StandardCharsets.US_ASCII);
        long frameLength = header.length + payloadLength + 1;
        if (frameLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a frame of " + frameLength + " bytes does not fit one buffer; "
                    + "upload under 2 GB");
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) frameLength);
        buffer.put(header).put((byte) '{');
        if (!typeLast) {
            buffer.put(TYPE_MEMBER).put((byte) ',');
        }
        buffer.put(ITEMS_NAME);
        for (long i = 0; i < items; i++) {
            if (i > 0) {
                buffer.put((byte) ',');
            }
            buffer.put(shape.item);
        }
        buffer.put((byte) ']');
        if (typeLast) {
            buffer.put((byte) ',').put(TYPE_MEMBER);
        }
        buffer.put((byte) '}').put((byte) ',');
        if (buffer.hasRemaining()) {
            throw new IllegalStateException("the frame is " + buffer.remaining() + " bytes short of its length");
        }
        this.frame = buffer.flip();
    }

    /** @return a fresh read-only view of the whole frame, header and comma included */
    ByteBuffer frame() {
        return frame.asReadOnlyBuffer();
    }

    /** @return the payload, the frame without its header and comma, as a fresh view */
    ByteBuffer payload() {
        ByteBuffer payload = frame();
        payload.limit(payload.limit() - 1);
        while (payload.get() != ':') {
            // skip the length digits
        }
        return payload.slice();
    }

    /** @return the payload's length in bytes: what the ack's "bytes" must say */
    long payloadLength() {
        return payloadLength;
    }

    /** @return the JSON tokens of the payload: what the ack's "tokens" must say */
    long tokens() {
        return tokens;
    }

    /** @return the ack the example server must answer */
    String expectedAck() {
        return "{\"type\":\"ack\",\"bytes\":" + payloadLength + ",\"tokens\":" + tokens + "}";
    }
}
