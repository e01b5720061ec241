package io.pollen.cluster.redis;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One call routed to a node over its channel, in the binary form Redis carries (no base64, no JSON
 * around a payload):
 * <pre>
 * kind:byte  callId:long  replyTo:string  id:string  limit:int  payload:bytes to the end
 * string = length:int (-1 for none) then UTF-8 bytes
 * </pre>
 * {@code id} is the session id, or the {@code afterId} of a {@link Kind#PAGE}; {@code limit} counts
 * only for a page. Immutable; safe from any thread.
 *
 * @param kind    what the node is asked to do
 * @param callId  the caller's number for the answer; 0 for a {@link Kind#DISPLACE}, which has none
 * @param replyTo the caller's reply channel
 * @param id      the session id, or the page's afterId, or null
 * @param limit   a page's size
 * @param payload a message's bytes (read-only view), empty for other kinds
 */
record RoutedCall(Kind kind, long callId, byte[] replyTo, String id, int limit, ByteBuffer payload) {

    /** What a call asks; the byte on the wire is the code, never the ordinal. */
    enum Kind {
        FIND(1), PAGE(2), SEND(3), CLOSE(4), BROADCAST(5), DISPLACE(6);

        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown call kind " + code);
        }
    }

    /** @return the call as one message */
    byte[] encode() {
        byte[] idBytes = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = payload.duplicate();
        int length = 1 + 8 + 4 + replyTo.length + 4 + (idBytes == null ? 0 : idBytes.length) + 4 + body.remaining();
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put(kind.code).putLong(callId).putInt(replyTo.length).put(replyTo);
        if (idBytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(idBytes.length).put(idBytes);
        }
        out.putInt(limit).put(body);
        return out.array();
    }

    /**
     * @param message a message from a node's call channel
     * @return the call
     * @throws IllegalArgumentException if it is not one (a newer or foreign publisher)
     */
    static RoutedCall decode(byte[] message) {
        try {
            ByteBuffer in = ByteBuffer.wrap(message);
            Kind kind = Kind.of(in.get());
            long callId = in.getLong();
            byte[] replyTo = new byte[in.getInt()];
            in.get(replyTo);
            int idLength = in.getInt();
            String id = null;
            if (idLength >= 0) {
                id = new String(message, in.position(), idLength, StandardCharsets.UTF_8);
                in.position(in.position() + idLength);
            }
            int limit = in.getInt();
            return new RoutedCall(kind, callId, replyTo, id, limit, in.slice().asReadOnlyBuffer());
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("a truncated call of " + message.length + " bytes", e);
        }
    }

    /**
     * @param callId the call answered
     * @param body   the answer, whose form the call's kind decides
     * @return a reply message: callId:long then the body
     */
    static byte[] reply(long callId, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putLong(callId).put(body).array();
    }
}
