package io.pollen.reactor.tck;

import io.pollen.reactor.Connection;
import io.pollen.reactor.ConnectionHandler;

import java.nio.ByteBuffer;

/**
 * Writes back every byte it reads. The read buffer belongs to the loop, so the bytes are copied
 * before being queued.
 */
public final class EchoHandler implements ConnectionHandler {
    @Override
    public void onRead(Connection connection, ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        connection.write(copy);
    }
}
