package io.pollen.codec.reactor;

import io.pollen.reactor.EmbeddedConnection;

/**
 * Streams one huge upload through the codec's connection handler on an {@link EmbeddedConnection}
 * and prints {@link LargeUploadRun#report() what arrived and the heap's peak}. Run in a JVM with a
 * small heap by {@link LargeUploadForkedTest}; exits 0 only if the whole message was parsed without
 * error and the connection stayed open.
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
        long payloadBytes = Long.parseLong(args[0]);
        int readSize = Integer.parseInt(args[1]);
        LargeUploadRun run = new LargeUploadRun(payloadBytes);
        EmbeddedConnection connection = new EmbeddedConnection(run.codec());

        run.stream(readSize, connection::writeInbound);

        System.out.println(run.report());
        if (run.failure() != null || !connection.isOpen()) {
            System.out.println("failure=" + run.failure() + " open=" + connection.isOpen()
                    + " closeCause=" + connection.closeCause());
            System.exit(2);
        }
    }
}
