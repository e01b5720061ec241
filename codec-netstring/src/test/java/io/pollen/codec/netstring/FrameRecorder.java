package io.pollen.codec.netstring;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a decoder delivers as comparable strings. Large frames are recorded once, at their end,
 * with their chunks joined, so that the record does not depend on where the input was split.
 */
public class FrameRecorder implements NetstringFrameListener {

    final List<String> events = new ArrayList<>();
    private ByteArrayOutputStream largeFrame;
    private long largeFrameLength;
    int chunks;
    int wholeFrames;
    int largeFrames;

    @Override
    public void onFrame(ByteBuffer payload) {
        if (largeFrame != null) {
            throw new AssertionError("a whole frame arrived inside a large frame");
        }
        events.add("frame:" + text(payload));
        wholeFrames++;
    }

    @Override
    public void onLargeFrameStart(long length) {
        if (largeFrame != null) {
            throw new AssertionError("a large frame started inside another");
        }
        largeFrame = new ByteArrayOutputStream();
        largeFrameLength = length;
    }

    @Override
    public void onLargeFrameChunk(ByteBuffer chunk) {
        if (largeFrame == null || !chunk.hasRemaining()) {
            throw new AssertionError("a chunk arrived outside a large frame, or empty");
        }
        chunks++;
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        largeFrame.writeBytes(bytes);
    }

    @Override
    public void onLargeFrameEnd() {
        if (largeFrame.size() != largeFrameLength) {
            throw new AssertionError("a large frame of " + largeFrameLength + " bytes ended after " + largeFrame.size());
        }
        // Recorded like a whole frame, so records compare across thresholds as well as across splits.
        events.add("frame:" + largeFrame.toString(StandardCharsets.UTF_8));
        largeFrames++;
        largeFrame = null;
    }

    void failed(NetstringFramingException e) {
        events.add("error:" + e.error() + "@" + e.streamOffset());
    }

    private static String text(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Decodes {@code input}, as UTF-8, cut at the given offsets (ascending). */
    static List<String> decode(NetstringDecoder decoder, String input, int... cuts) {
        return decode(decoder, input.getBytes(StandardCharsets.UTF_8), cuts);
    }

    /** Decodes {@code input} cut at the given offsets (ascending), each chunk in a fresh buffer. */
    public static List<String> decode(NetstringDecoder decoder, byte[] input, int... cuts) {
        FrameRecorder recorder = new FrameRecorder();
        int start = 0;
        try {
            for (int i = 0; i <= cuts.length; i++) {
                int end = i < cuts.length ? cuts[i] : input.length;
                // A fresh, read-only buffer per chunk, poisoned after use, as the reactor's shared buffer would be.
                byte[] chunk = java.util.Arrays.copyOfRange(input, start, end);
                decoder.decode(ByteBuffer.wrap(chunk).asReadOnlyBuffer(), recorder);
                java.util.Arrays.fill(chunk, (byte) '#');
                start = end;
            }
        } catch (NetstringFramingException e) {
            recorder.failed(e);
        }
        return recorder.events;
    }
}
