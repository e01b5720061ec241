package io.pollen.codec.reactor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.BadJsonException;
import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.json.JsonTokenListener;
import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;

/**
 * Streams one huge upload through the codec's connection handler, as the reactor would deliver it
 * (one reused read buffer), and prints what arrived and the heap's peak. Run in a JVM with a small heap
 * by {@link LargeUploadForkedTest}; exits 0 only if the whole message was parsed without error.
 *
 * <p>Arguments: the payload size in bytes (at least), and the read size in bytes.
 */
public final class LargeUploadMain {

    private LargeUploadMain() {
    }

    /**
     * @param args payload bytes, read buffer bytes
     */
    public static void main(String[] args) {
        long targetBytes = Long.parseLong(args[0]);
        int readSize = Integer.parseInt(args[1]);
        UploadGenerator upload = new UploadGenerator(UploadGenerator.itemsFor(targetBytes));
        long[] result = new long[2];
        String[] failure = new String[1];

        MessageHandler handler = new MessageHandler() {
            @Override
            public void onMessage(Connection connection, JsonMessage message) {
                failure[0] = "a small message arrived instead of a large one";
            }

            @Override
            public JsonTokenListener onLargeMessage(Connection connection, long length) {
                return new JsonTokenListener() {
                    @Override
                    public void onToken(JsonToken token, JsonParser parser) {
                    }

                    @Override
                    public void onComplete(String type, long payloadBytes, long tokenCount) {
                        result[0] = payloadBytes;
                        result[1] = tokenCount;
                    }
                };
            }

            @Override
            public void onBadJson(Connection connection, BadJsonException error) {
                failure[0] = error.getMessage();
            }

            @Override
            public void onBadMessage(Connection connection, BadMessageException error) {
                failure[0] = error.getMessage();
            }
        };
        CodecConfig config = new CodecConfig().maxFrameLength(upload.payloadLength());
        ConnectionHandler codec = MessageConnectionHandler.factory(config, handler).get();
        FakeConnection connection = new FakeConnection();

        // One reused direct buffer, like an event loop's read buffer.
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(readSize);
        while (upload.hasRemaining()) {
            readBuffer.clear();
            upload.fill(readBuffer);
            readBuffer.flip();
            codec.onRead(connection, readBuffer.asReadOnlyBuffer());
        }

        System.out.println("payloadBytes=" + result[0] + " tokens=" + result[1] + " expectedBytes="
                + upload.payloadLength() + " expectedTokens=" + upload.tokenCount() + " peakHeapBytes=" + peakHeap()
                + " maxHeapBytes=" + Runtime.getRuntime().maxMemory());
        if (failure[0] != null || !connection.isOpen()) {
            System.out.println("failure=" + failure[0] + " open=" + connection.isOpen());
            System.exit(2);
        }
    }

    /** Sum of each heap pool's peak: an upper bound of the heap's peak, as pools peak at different times. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
