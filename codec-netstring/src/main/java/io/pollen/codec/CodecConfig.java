package io.pollen.codec;

import io.pollen.codec.json.JsonLimits;
import io.pollen.codec.netstring.NetstringDecoder;

/**
 * How a connection's messages are framed and parsed: the largest frame, where whole messages end and
 * streamed ones begin, and the JSON limits. Setters validate their argument and return this object;
 * getters have the same name.
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
     * @param length the largest payload accepted, in bytes; a longer declared length is answered with
     *               {@code too_large} as soon as its digits are read, and the connection closed
     * @return this
     * @throws IllegalArgumentException if negative or above {@link NetstringDecoder#LARGEST_MAX_FRAME_LENGTH}
     */
    public CodecConfig maxFrameLength(long length) {
        if (length < 0 || length > NetstringDecoder.LARGEST_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be between 0 and "
                    + NetstringDecoder.LARGEST_MAX_FRAME_LENGTH + " bytes, got " + length);
        }
        this.maxFrameLength = length;
        return this;
    }

    /** @return the largest payload accepted, in bytes */
    public long maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * @param threshold payloads up to this many bytes are parsed whole into a message; longer ones are
     *                  parsed incrementally as they arrive and never held
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public CodecConfig largeMessageThreshold(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("largeMessageThreshold must not be negative, got " + threshold);
        }
        this.largeMessageThreshold = threshold;
        return this;
    }

    /** @return the largest payload parsed whole, in bytes */
    public int largeMessageThreshold() {
        return largeMessageThreshold;
    }

    /**
     * @param limits the JSON limits to enforce
     * @return this
     */
    public CodecConfig jsonLimits(JsonLimits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("jsonLimits must not be null; pass new JsonLimits() for the defaults");
        }
        this.jsonLimits = limits;
        return this;
    }

    /** @return the JSON limits, which may be changed in place */
    public JsonLimits jsonLimits() {
        return jsonLimits;
    }

    /** @return a decoder for one connection, with this configuration's frame limits */
    public NetstringDecoder newDecoder() {
        return new NetstringDecoder(maxFrameLength, largeMessageThreshold);
    }

    @Override
    public String toString() {
        return "CodecConfig{maxFrameLength=" + maxFrameLength + ", largeMessageThreshold=" + largeMessageThreshold
                + ", jsonLimits=" + jsonLimits + '}';
    }
}
