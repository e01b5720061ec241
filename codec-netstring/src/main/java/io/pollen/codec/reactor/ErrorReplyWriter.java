package io.pollen.codec.reactor;

import io.pollen.reactor.Connection;
import io.pollen.reactor.WriteResult;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * Writes the codec's own error replies and reports one that was not queued, so that no refused reply
 * vanishes: a DEBUG record of the logger {@code io.pollen.codec.reactor.ErrorReplyWriter} names the
 * connection, the reply and why ({@link WriteResult#REJECTED_FULL}: the peer does not read and its queue
 * is at the cap; {@link WriteResult#CLOSED}: the connection is going away). DEBUG, not WARNING: the peer
 * decides how many bad messages it sends, so a louder level would let it flood the log.
 *
 * <p>Stateless; safe from any thread (the codec calls it on the connection's loop thread).
 */
final class ErrorReplyWriter {
    private static final System.Logger LOG = System.getLogger(ErrorReplyWriter.class.getName());

    private ErrorReplyWriter() {
    }

    /**
     * @param connection where to write
     * @param reply      the framed reply
     * @param what       which reply, for the report ({@code "bad_json"}, ...)
     * @return what became of it
     */
    static WriteResult write(Connection connection, ByteBuffer[] reply, String what) {
        WriteResult result = connection.write(reply);
        if (!result.isQueued()) {
            LOG.log(Level.DEBUG, () -> "the " + what + " error reply to " + connection + " was not sent: " + result);
        }
        return result;
    }
}
