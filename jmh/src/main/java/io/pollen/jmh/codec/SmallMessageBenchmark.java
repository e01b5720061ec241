package io.pollen.jmh.codec;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.json.JsonMessage;
import io.pollen.codec.netstring.NetstringDecoder;
import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.codec.netstring.NetstringFrameListener;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.codec.reactor.MessageConnectionHandler;
import io.pollen.codec.reactor.MessageHandler;
import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Small messages per second through the codec, as one read of {@value #BATCH} back-to-back frames
 * would bring them: {@link #frameOnly} splits the frames, {@link #decodeAndParse} also parses each
 * payload into a {@code JsonMessage} and hands it to a handler that reads its type. The difference is
 * the cost of the JSON.
 *
 * <p>Shapes: {@code ping} is the protocol's {@code {"type":"ping","seq":N}} (26 bytes or so);
 * {@code echo} is a 1 KiB object with a dozen fields of every kind.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SmallMessageBenchmark {

    /** Frames per read, and the operations per invocation. */
    static final int BATCH = 256;

    /** The message shape: {@code ping} or {@code echo}. */
    @Param({"ping", "echo"})
    public String shape;

    private ByteBuffer frames;
    private NetstringDecoder decoder;
    private ConnectionHandler codec;
    private DiscardingConnection connection;
    private Blackhole blackhole;

    /**
     * Builds one read's worth of frames and the codec that reads them.
     *
     * @param blackhole where handlers sink what they read
     */
    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        this.blackhole = blackhole;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < BATCH; i++) {
            batch.writeBytes(NetstringEncoder.encodeToArray(payload(i).getBytes(StandardCharsets.UTF_8)));
        }
        frames = ByteBuffer.allocateDirect(batch.size()).put(batch.toByteArray()).flip();
        decoder = new CodecConfig().newDecoder();
        connection = new DiscardingConnection();
        MessageHandler handler = (Connection c, JsonMessage message) -> blackhole.consume(message.type());
        codec = MessageConnectionHandler.factory(new CodecConfig(), handler).get();
    }

    /** Fails the run if the codec answered any frame with an error. */
    @TearDown(Level.Trial)
    public void checkNoErrorReplies() {
        if (connection.writes() != 0) {
            throw new IllegalStateException("the codec wrote " + connection.writes() + " error replies");
        }
    }

    /**
     * Frames only.
     *
     * @throws NetstringFramingException never, the input is well formed
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void frameOnly() throws NetstringFramingException {
        decoder.decode(frames.duplicate(), frameSink);
    }

    /** Frames, then parses each payload into a message for a handler. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeAndParse() {
        codec.onRead(connection, frames.duplicate());
    }

    private final NetstringFrameListener frameSink = new NetstringFrameListener() {
        @Override
        public void onFrame(ByteBuffer payload) {
            blackhole.consume(payload.remaining());
        }

        @Override
        public void onLargeFrameStart(long length) {
        }

        @Override
        public void onLargeFrameChunk(ByteBuffer chunk) {
        }

        @Override
        public void onLargeFrameEnd() {
        }
    };

    private String payload(int i) {
        if (shape.equals("ping")) {
            return "{\"type\":\"ping\",\"seq\":" + i + "}";
        }
        StringBuilder echo = new StringBuilder("{\"type\":\"echo\",\"seq\":").append(i)
                .append(",\"from\":\"c-42\",\"ok\":true,\"ratio\":0.75,\"none\":null,\"tags\":[\"a\",\"b\",\"c\"],")
                .append("\"where\":{\"lat\":48.8566,\"lon\":2.3522},\"text\":\"");
        while (echo.length() < 1000) {
            echo.append("lorem ipsum ");
        }
        return echo.append("\"}").toString();
    }
}
