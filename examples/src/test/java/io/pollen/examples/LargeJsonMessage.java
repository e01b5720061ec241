package io.pollen.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact JSON object of any size, generated as it is written so that a test never holds it:
 * {@code {"items":[{"id":"00000000","ok":true,"tags":["a","b"]},…],"type":"upload"}} with its
 * {@code "type"} last, or {@code {"type":"echo","items":[…]}}. The server's echo must be byte for byte
 * the message (it copies the bytes as they arrive).
 */
final class LargeJsonMessage {
    private static final byte[] ITEM = "{\"id\":\"00000000\",\"ok\":true,\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_END = 15; // just past the id's last digit
    /** {, "id", its value, "ok", true, "tags", [, "a", "b", ], }. */
    private static final int TOKENS_PER_ITEM = 11;

    private final byte[] prefix;
    private final byte[] suffix;
    private final int items;

    private LargeJsonMessage(String prefix, String suffix, int items) {
        this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
        this.suffix = suffix.getBytes(StandardCharsets.US_ASCII);
        this.items = items;
    }

    /** @return an upload of about {@code bytes} bytes whose "type" member comes last */
    static LargeJsonMessage uploadWithTypeLast(long bytes) {
        return new LargeJsonMessage("{\"items\":[", "],\"type\":\"upload\"}", itemsFor(bytes));
    }

    /** @return an echo of about {@code bytes} bytes */
    static LargeJsonMessage echo(long bytes) {
        return new LargeJsonMessage("{\"type\":\"echo\",\"items\":[", "]}", itemsFor(bytes));
    }

    private static int itemsFor(long bytes) {
        return Math.toIntExact(bytes / (ITEM.length + 1));
    }

    /** @return the payload's length in bytes */
    long length() {
        return prefix.length + (long) items * ITEM.length + Math.max(0, items - 1) + suffix.length;
    }

    /** @return its JSON tokens: the object, "items", the array, the items, "type" and its value */
    long tokens() {
        return 7 + (long) items * TOKENS_PER_ITEM;
    }

    /** Writes the whole NetString frame. */
    void writeFrame(OutputStream out) throws IOException {
        out.write((length() + ":").getBytes(StandardCharsets.US_ASCII));
        writePayload(out);
        out.write(',');
    }

    /**
     * Reads a payload of this message's length and checks it is this message, byte for byte.
     *
     * @throws AssertionError naming the first offset that differs
     */
    void assertPayloadIs(InputStream in) throws IOException {
        long[] offset = {0};
        writePayload(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] expected, int from, int count) throws IOException {
                byte[] actual = in.readNBytes(count);
                if (!Arrays.equals(actual, 0, actual.length, expected, from, from + count)) {
                    throw new AssertionError("the payload differs from the message within " + count
                            + " bytes at offset " + offset[0] + " (of " + length() + "); read " + actual.length);
                }
                offset[0] += count;
            }
        });
    }

    private void writePayload(OutputStream out) throws IOException {
        out.write(prefix);
        byte[] item = ITEM.clone();
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.write(',');
            }
            int id = i;
            for (int digit = ID_END - 1; digit >= ID_END - 8; digit--) {
                item[digit] = (byte) ('0' + id % 10);
                id /= 10;
            }
            out.write(item);
        }
        out.write(suffix);
    }
}
