package io.pollen.jmh.codec;

import io.pollen.codec.CodecConfig;
import io.pollen.codec.netstring.NetstringDecoder;
import io.pollen.codec.netstring.NetstringFrameListener;
import io.pollen.codec.netstring.NetstringFramingException;
import io.pollen.codec.reactor.MessageConnectionHandler;
import io.pollen.codec.reactor.UploadGenerator;
import io.pollen.codec.reactor.UploadRecorder;
import io.pollen.reactor.ConnectionHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A {@value #MIB} MiB message streamed through the codec in {@value #READ_SIZE}-byte reads, the size
 * of an event loop's read buffer. One operation is one MiB, so the score reads as MiB/s.
 * {@link #streamAndParse} runs the whole path (framing, the non-blocking JSON parser, a token listener
 * that counts); {@link #frameOnly} only frames, to show what the JSON costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class LargeMessageBenchmark {

    /** The message's payload size in MiB, and the operations per invocation. */
    static final int MIB = 16;
    /** Bytes per read, as an event loop's read buffer would deliver them. */
    static final int READ_SIZE = 64 * 1024;

    private ByteBuffer frame;
    private ConnectionHandler codec;
    private NetstringDecoder decoder;
    private DiscardingConnection connection;
    private UploadGenerator upload;
    private UploadRecorder recorder;
    private long framedBytes;

    /** Builds the frame once, in a direct buffer, and the codec that reads it. */
    @Setup(Level.Trial)
    public void setUp() {
        upload = new UploadGenerator(UploadGenerator.itemsFor((long) MIB << 20));
        frame = ByteBuffer.allocateDirect((int) upload.frameLength());
        while (upload.hasRemaining()) {
            upload.fill(frame);
        }
        frame.flip();
        CodecConfig config = new CodecConfig().maxFrameLength(upload.payloadLength());
        decoder = config.newDecoder();
        connection = new DiscardingConnection();
        recorder = new UploadRecorder();
        codec = MessageConnectionHandler.factory(config, recorder).get();
    }

    /**
     * Fails the run if the codec answered with an error, or if a {@link #streamAndParse} run did not
     * complete the message with the counts it was built with.
     *
     * @param params which benchmark ran ({@link #frameOnly} never reaches the codec)
     */
    @TearDown(Level.Trial)
    public void check(BenchmarkParams params) {
        String failure = params.getBenchmark().endsWith(".streamAndParse") ? recorder.failure(upload) : null;
        if (connection.writes() != 0 || failure != null) {
            throw new IllegalStateException("the codec wrote " + connection.writes() + " error replies; " + failure);
        }
    }

    /** Streams the message through framing and the incremental JSON parser. */
    @Benchmark
    @OperationsPerInvocation(MIB)
    public void streamAndParse() {
        for (int start = 0; start < frame.limit(); start += READ_SIZE) {
            codec.onRead(connection, frame.slice(start, Math.min(READ_SIZE, frame.limit() - start)));
        }
    }

    /**
     * Streams the message through framing only.
     *
     * @return the bytes framed, so that the work cannot be dropped
     * @throws NetstringFramingException never, the input is well formed
     */
    @Benchmark
    @OperationsPerInvocation(MIB)
    public long frameOnly() throws NetstringFramingException {
        for (int start = 0; start < frame.limit(); start += READ_SIZE) {
            decoder.decode(frame.slice(start, Math.min(READ_SIZE, frame.limit() - start)), frameSink);
        }
        return framedBytes;
    }

    private final NetstringFrameListener frameSink = new NetstringFrameListener() {
        @Override
        public void onFrame(ByteBuffer payload) {
            framedBytes += payload.remaining();
        }

        @Override
        public void onLargeFrameStart(long length) {
        }

        @Override
        public void onLargeFrameChunk(ByteBuffer chunk) {
            framedBytes += chunk.remaining();
        }

        @Override
        public void onLargeFrameEnd() {
        }
    };
}
