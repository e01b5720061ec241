package io.pollen.session.rest;

import io.pollen.codec.netstring.NetstringEncoder;
import io.pollen.session.SessionServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A session server with its REST gateway, as a child process of {@link RestHugeMessageForkedTest}, so
 * that it runs in a heap smaller than the messages it passes on. Arguments: the backend and the spool
 * directory. Prints {@code LISTENING <session port> <http port>} once both listen, and stops when its
 * standard input ends.
 */
public final class RestServerMain {
    /** The frame limit: larger than the 100 MB message. */
    static final long MAX_FRAME = 128L * 1024 * 1024;

    private RestServerMain() {
    }

    public static void main(String[] args) throws IOException {
        try (SessionServer server = SessionServer.builder()
                // The builder wants the largest frame to fit under the write cap, a bound and no allocation;
                // the message itself goes out streamed from its spool file.
                .reactor(r -> r.backend(args[0]).threads(1).maxPendingWriteBytes(NetstringEncoder.frameLength(MAX_FRAME)))
                .address(new InetSocketAddress("127.0.0.1", 0))
                .maxFrameLength(MAX_FRAME)
                .handler((session, message) -> { })
                .build();
             RestGateway gateway = RestGateway.start(server, new RestGatewayConfig()
                     .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                     .spoolDirectory(Path.of(args[1])))) {
            System.out.println("LISTENING " + server.localAddress().getPort() + " " + gateway.localAddress().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the parent closes our input.
            }
            gateway.close();
            server.shutdown(Duration.ofSeconds(5));
        }
    }
}
