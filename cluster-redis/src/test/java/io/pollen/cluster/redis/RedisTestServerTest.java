package io.pollen.cluster.redis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself, on both of its binaries: the one on the PATH and the one bundled in the
 * embedded-redis jar (forced with {@link RedisTestServer#BINARY_PROPERTY}), each started on a free
 * port, answering, restarted empty on the same port, and stopped.
 */
class RedisTestServerTest {

    @Test
    void theBundledBinaryStartsRestartsEmptyAndStops() throws Exception {
        String before = System.getProperty(RedisTestServer.BINARY_PROPERTY);
        System.setProperty(RedisTestServer.BINARY_PROPERTY, "embedded");
        try (RedisTestServer redis = RedisTestServer.start()) {
            assertThat(redis.binary().toString()).doesNotStartWith("/usr");
            assertStartsRestartsEmptyAndStops(redis);
        } finally {
            if (before == null) {
                System.clearProperty(RedisTestServer.BINARY_PROPERTY);
            } else {
                System.setProperty(RedisTestServer.BINARY_PROPERTY, before);
            }
        }
    }

    @Test
    void theDefaultBinaryStartsRestartsEmptyAndStops() throws Exception {
        try (RedisTestServer redis = RedisTestServer.start()) {
            assertStartsRestartsEmptyAndStops(redis);
        }
    }

    private static void assertStartsRestartsEmptyAndStops(RedisTestServer redis) throws IOException {
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        assertThat(command(redis.port(), "SET k v")).isEqualTo("+OK");
        assertThat(command(redis.port(), "EXISTS k")).isEqualTo(":1");

        redis.restart();

        assertThat(command(redis.port(), "EXISTS k")).isEqualTo(":0");
        redis.stop();
        assertThat(redis.isRunning()).isFalse();
        assertThat(refused(redis.port())).isTrue();
    }

    /** One inline command; its one-line answer. */
    private static String command(int port, String inline) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = socket.getInputStream().read()) != '\r' && b >= 0) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
