package io.pollen.cluster.redis;

import io.pollen.reactor.tck.DescriptorLeakCheck;
import io.pollen.session.cluster.NodeInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code rediss://}: a node joins a Redis that speaks TLS with a throwaway self-signed certificate
 * (made by the JDK's keytool) that the JVM's trust store ({@code javax.net.ssl.trustStore}) trusts, as a
 * deployment with a private CA would; without that trust the connection is refused at connect.
 */
@ExtendWith(DescriptorLeakCheck.class)
class RedisTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path certificates;
    private static RedisTestServer redis;
    private static int tlsPort;
    private static Path trustStore;

    @BeforeAll
    static void startRedisWithTls() throws Exception {
        Path keyStore = certificates.resolve("redis.p12");
        keytool("-genkeypair", "-alias", "redis", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        Certificate certificate = store.getCertificate("redis");
        Path cert = pem(certificates.resolve("cert.pem"), "CERTIFICATE", certificate.getEncoded());
        Path key = pem(certificates.resolve("key.pem"), "PRIVATE KEY", store.getKey("redis", PASSWORD).getEncoded());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("redis", certificate);
        trustStore = certificates.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD);
        }
        tlsPort = RedisTestServer.freePort();
        redis = RedisTestServer.start(List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no"));
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aNodeJoinsOverTlsWithACertificateTheJvmTrusts() throws Exception {
        String before = System.getProperty("javax.net.ssl.trustStore");
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
        try (ClusterNode node = ClusterNode.start("rediss://127.0.0.1:" + tlsPort, "tls-node", "epoll")) {
            assertThat(node.cluster.nodes().get(10, TimeUnit.SECONDS)).extracting(NodeInfo::node).containsExactly("tls-node");
        } finally {
            restore("javax.net.ssl.trustStore", before);
            System.clearProperty("javax.net.ssl.trustStorePassword");
        }
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefusedAtConnect() {
        RedisClusterConfig config = new RedisClusterConfig().uri("rediss://127.0.0.1:" + tlsPort).nodeName("tls-node");

        assertThatThrownBy(() -> RedisSessionCluster.connect(config)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot reach Redis at rediss://127.0.0.1:" + tlsPort);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
