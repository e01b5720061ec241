package io.pollen.codec.reactor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100 MiB message through the codec in a JVM whose whole heap is 64 MiB: it can only pass if the
 * message is never held.
 */
class LargeUploadForkedTest {

    private static final long PAYLOAD_BYTES = 100L << 20;
    /** An odd read size, so that read boundaries wander through every kind of token. */
    private static final int READ_SIZE = 65_521;
    private static final Pattern REPORT = Pattern.compile("\"payload_bytes\":(\\d+),\"tokens\":(\\d+),");

    @Test
    void streamsA100MebibyteMessageThroughA64MebibyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                LargeUploadMain.class.getName(), Long.toString(PAYLOAD_BYTES), Integer.toString(READ_SIZE))
                .redirectErrorStream(true)
                .start();
        String output = readAll(child);

        // A guard against a hung child, not a speed requirement.
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child finished; output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("exit status; output:%n%s", output).isZero();
        Matcher report = REPORT.matcher(output);
        assertThat(report.find()).as("the child's report; output:%n%s", output).isTrue();
        UploadGenerator sent = new UploadGenerator(UploadGenerator.itemsFor(PAYLOAD_BYTES));
        assertThat(Long.parseLong(report.group(1))).isGreaterThanOrEqualTo(PAYLOAD_BYTES)
                .isEqualTo(sent.payloadLength());
        assertThat(Long.parseLong(report.group(2))).isEqualTo(sent.tokenCount());
        System.out.println("[LargeUploadForkedTest] " + output.strip());
    }

    private static String readAll(Process child) throws IOException {
        byte[] bytes = child.getInputStream().readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void generatorProducesTheFrameItsCountsDescribe() {
        UploadGenerator upload = new UploadGenerator(3);
        ByteBuffer all = ByteBuffer.allocate(1000);
        while (upload.hasRemaining()) {
            upload.fill(all);
        }
        String frame = new String(all.array(), 0, all.position(), StandardCharsets.US_ASCII);

        assertThat(frame).isEqualTo(upload.payloadLength() + ":{\"type\":\"upload\",\"items\":["
                + "{\"id\":\"00000000\",\"v\":100000,\"ok\":true,\"tags\":[\"a\",\"b\"]},"
                + "{\"id\":\"00000001\",\"v\":100001,\"ok\":true,\"tags\":[\"a\",\"b\"]},"
                + "{\"id\":\"00000002\",\"v\":100002,\"ok\":true,\"tags\":[\"a\",\"b\"]}]},");
        assertThat(frame.length()).isEqualTo(upload.frameLength());
        assertThat(upload.tokenCount()).isEqualTo(7 + 3 * 13);
    }
}
