package io.pollen.cluster.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} of a test's own, on a free loopback port, in its own temporary directory, with
 * nothing saved to disk. The binary is Debian's {@code redis-server} when it is on the PATH (CI installs
 * it), otherwise the Linux build bundled in the test-scoped {@code com.github.codemonstur:embedded-redis}
 * jar; {@code -Dpollen.test.redis=embedded} forces the latter, {@code =path} the former. Neither found:
 * {@link #start} fails, saying what to install; it never skips.
 *
 * <pre>{@code
 * try (RedisTestServer redis = RedisTestServer.start()) {
 *     RedisSessionCluster cluster = RedisSessionCluster.connect(new RedisClusterConfig().uri(redis.uri()));
 *     ...
 *     redis.restart();   // same port, empty
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RedisTestServer implements AutoCloseable {
    /** The system property choosing the binary: {@code path}, {@code embedded}, or unset (path, then embedded). */
    public static final String BINARY_PROPERTY = "pollen.test.redis";
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Path binary;
    private final Path directory;
    private final int port;
    private final List<String> extraArguments;
    private Process process;

    private RedisTestServer(Path binary, Path directory, int port, List<String> extraArguments) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
    }

    /** @return a started server on a free port */
    public static RedisTestServer start() {
        return start(List.of());
    }

    /**
     * @param extraArguments more {@code redis-server} arguments, one word each, e.g. {@code "--user", "alice", "on", ">secret", "~*", "+@all"}
     * @return a started server on a free port
     */
    public static RedisTestServer start(List<String> extraArguments) {
        try {
            Path directory = Files.createTempDirectory("pollen-redis-");
            RedisTestServer server = new RedisTestServer(findBinary(directory), directory, freePort(), extraArguments);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a redis-server for the test", e);
        }
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return the port it listens on, the same across {@link #restart()} */
    public int port() {
        return port;
    }

    /** @return the binary in use */
    public Path binary() {
        return binary;
    }

    /** @return true while the process runs */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server (SIGTERM by its pid) and waits until it has exited: clients then see it gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts it again after {@link #stop()}, on the same port and empty. */
    public void startAgain() {
        if (process != null) {
            throw new IllegalStateException("redis-server on port " + port + " is running");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server again on port " + port, e);
        }
    }

    /** Stops and starts it: same port, no data (nothing is saved). */
    public void restart() {
        stop();
        startAgain();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind harms nothing.
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(extraArguments);
        Path log = directory.resolve("redis-" + port + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        Instant deadline = Instant.now().plus(STARTUP);
        while (!answersPing()) {
            if (!started.isAlive() || Instant.now().isAfter(deadline)) {
                started.destroyForcibly();
                process = null;
                throw new IOException(binary + " did not answer PING on port " + port + " within " + STARTUP.toSeconds()
                        + " s; its log:\n" + Files.readString(log));
            }
            try {
                Thread.sleep(20);   // polling the server's port, not waiting on a test condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for redis-server", e);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * @return a loopback port free at the moment (for a second listener, such as {@code --tls-port})
     * @throws IOException if none can be bound
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static Path findBinary(Path directory) throws IOException {
        String choice = System.getProperty(BINARY_PROPERTY, "");
        if (!choice.equals("embedded")) {
            Path onPath = onPath("redis-server");
            if (onPath != null) {
                return onPath;
            }
            if (choice.equals("path")) {
                throw new IllegalStateException("-D" + BINARY_PROPERTY + "=path, but no redis-server is on the PATH; "
                        + "install it (apt-get install -y redis-server)");
            }
        }
        return extractEmbedded(directory);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String folder : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The embedded-redis jar's Linux build for this architecture, copied out and made executable. */
    private static Path extractEmbedded(Path directory) throws IOException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource = switch (arch) {
            case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
            case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
            default -> null;
        };
        InputStream bundled = resource == null || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                ? null : RedisTestServer.class.getClassLoader().getResourceAsStream(resource);
        if (bundled == null) {
            throw new IllegalStateException("no redis-server for the test: none is on the PATH and the "
                    + "com.github.codemonstur:embedded-redis jar has no build for " + System.getProperty("os.name") + "/" + arch
                    + " on the test classpath; install redis-server (apt-get install -y redis-server) or add that jar");
        }
        Path target = directory.resolve("redis-server");
        try (InputStream in = bundled) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!target.toFile().setExecutable(true, true)) {
            throw new IOException("cannot make " + target + " executable");
        }
        return target;
    }
}
