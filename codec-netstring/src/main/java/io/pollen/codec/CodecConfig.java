package io.pollen.codec;

import io.pollen.codec.json.JsonLimits;
import io.pollen.codec.netstring.NetstringDecoder;

import java.util.function.Consumer;

/**
 * How a connection's messages are framed and parsed: the largest frame, where whole messages end and
 * streamed ones begin, and the JSON limits.
 *
 * <p>Same-name fluent setters and getters, each default a constant beside its setter; setters only
 * store, and {@link #conclude()} checks every setting, the JSON limits included. Whatever consumes the
 * configuration concludes it first: {@link #newDecoder()}, and through it the codec's connection
 * handler.
 *
 * <h2>Threading</h2>
 * Mutable and not thread-safe: configure it on one thread before handing it to the codec, which reads
 * it when handlers are made.
 */
public final class CodecConfig {

    /** Default for {@link #maxFrameLength(long)}: 16 MiB, the example server's {@code --max-frame}. */
    public static final long DEFAULT_MAX_FRAME_LENGTH = 16L << 20;
    /** Default for {@link #largeMessageThreshold(int)}: 64 KiB. */
    public static final int DEFAULT_LARGE_MESSAGE_THRESHOLD = 64 << 10;

    private long maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int largeMessageThreshold = DEFAULT_LARGE_MESSAGE_THRESHOLD;
    private JsonLimits jsonLimits = new JsonLimits();

    /**
     * @param length the largest payload accepted, in bytes, from 0 to
     *               {@link NetstringDecoder#LARGEST_MAX_FRAME_LENGTH}; a longer declared length is answered
     *               with {@code too_large} as soon as its digits are read, and the connection closed
     *               (default {@link #DEFAULT_MAX_FRAME_LENGTH}: 16 MiB)
     * @return this
     */
    public CodecConfig maxFrameLength(long length) {
        this.maxFrameLength = length;
        return this;
    }

    /** @return the largest payload accepted, in bytes */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * @param threshold payloads up to this many bytes are parsed whole into a message; longer ones are
     *                  parsed incrementally as they arrive and never held; not negative (default
     *                  {@link #DEFAULT_LARGE_MESSAGE_THRESHOLD}: 64 KiB)
     * @return this
     */
    public CodecConfig largeMessageThreshold(int threshold) {
        this.largeMessageThreshold = threshold;
        return this;
    }

    /** @return the largest payload parsed whole, in bytes */
    public int largeMessageThreshold() {
        return largeMessageThreshold;
    }

    /**
     * @param limits the JSON limits to enforce, replacing the held ones (default: a new {@link JsonLimits})
     * @return this
     */
    public CodecConfig jsonLimits(JsonLimits limits) {
        this.jsonLimits = limits;
        return this;
    }

    /**
     * @param settings configures the held JSON limits in place
     * @return this
     */
    public CodecConfig jsonLimits(Consumer<JsonLimits> settings) {
        settings.accept(jsonLimits);
        return this;
    }

    /** @return the JSON limits, which may be changed in place */
    public JsonLimits jsonLimits() {
        return jsonLimits;
    }

    /**
     * Checks every setting and the JSON limits.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad setting
     */
    public CodecConfig conclude() {
        if (maxFrameLength < 0 || maxFrameLength > NetstringDecoder.LARGEST_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be between 0 and "
                    + NetstringDecoder.LARGEST_MAX_FRAME_LENGTH + " bytes, got " + maxFrameLength);
        }
        if (largeMessageThreshold < 0) {
            throw new IllegalArgumentException("largeMessageThreshold must not be negative, got " + largeMessageThreshold);
        }
        if (jsonLimits == null) {
            throw new IllegalArgumentException("jsonLimits must not be null; pass new JsonLimits() for the defaults");
        }
        jsonLimits.conclude();
        return this;
    }

    /**
     * @return a decoder for one connection, with this configuration's frame limits, once
     *         {@link #conclude() concluded}
     * @throws IllegalArgumentException naming the first bad setting
     */
    public NetstringDecoder newDecoder() {
        conclude();
        return new NetstringDecoder(maxFrameLength, largeMessageThreshold);
    }

    @Override
    public String toString() {
        return "CodecConfig{maxFrameLength=" + maxFrameLength + ", largeMessageThreshold=" + largeMessageThreshold
                + ", jsonLimits=" + jsonLimits + '}';
    }
}
