package io.pollen.session;

import io.pollen.codec.json.BadMessageException;
import io.pollen.codec.json.JsonMessage;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * A {@link Session} seen from its {@link SequentialSessionHandler}: messages are taken with a blocking
 * {@link #receive()}, and sends block while the client reads too slowly.
 *
 * <h2>Back-pressure, both ways</h2>
 * <ul>
 *   <li><b>Inbound.</b> The loop thread decodes messages and puts them in the session's inbox of
 *       {@link SessionServerBuilder#inboxCapacity(int)} messages. When the inbox is full the
 *       connection's reads are paused, so the client's further frames wait in TCP buffers and, once
 *       those are full, the client's own sends block; reads resume when the handler has taken the
 *       inbox down to half its capacity. The messages already read when the inbox filled (those of one
 *       read, at most the reactor's {@link io.pollen.reactor.ReactorBuilder#readBufferSize() read
 *       buffer} of bytes) are still queued, so that is the inbox's bound beyond its capacity.</li>
 *   <li><b>Outbound.</b> {@link #send(ByteBuffer)} waits while the connection is above its write high
 *       water mark, and queues the frame once it is back under the low one (or at once if it never
 *       was above); the session's hard write cap still holds for sends from other threads.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #receive()}, {@link #receive(Duration)} and the blocking sends are meant for the session's own
 * thread (the one running {@link SequentialSessionHandler#run}); a second receiving thread would take
 * messages out of order. Every other method is safe from any thread, as {@link Session} says.
 */
public interface SequentialSession extends Session {

    /**
     * Takes the next message, waiting for one.
     *
     * @return the next message (immutable), or null once the session has closed and every message that
     *         arrived before the close has been taken: the end of the handler's loop
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    JsonMessage receive() throws InterruptedException;

    /**
     * Takes the next message, waiting at most {@code timeout} for one.
     *
     * @param timeout how long to wait, not negative
     * @return the next message, or null if none came in time or the session has ended; after a null,
     *         {@link #isOpen()} false means the session has ended and no message is left
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    JsonMessage receive(Duration timeout) throws InterruptedException;

    /** @return messages waiting in the inbox, read but not yet received */
    int pendingMessages();

    /**
     * Queues one frame, first waiting while the connection is above its write high water mark (the
     * client reads too slowly). An interrupt ends the wait early: the frame is then offered at once
     * (and may be {@link SendResult#REJECTED_FULL}) and the thread's interrupt status is kept.
     *
     * @param payload the payload; not to be modified afterwards
     * @return what became of it; {@link SendResult#CLOSED} if the session closed while waiting
     */
    @Override
    SendResult send(ByteBuffer payload);

    /**
     * As {@link #send(ByteBuffer)}, with the UTF-8 bytes of {@code json}.
     *
     * @param json the payload text
     * @return what became of it
     */
    @Override
    SendResult send(String json);

    /**
     * As {@link Session#sendFile}, first waiting as {@link #send(ByteBuffer)} does.
     *
     * @param file     the file holding the payload; the session's once queued
     * @param position where the payload starts in the file
     * @param length   the payload's length in bytes
     * @return what became of it
     */
    @Override
    SendResult sendFile(FileChannel file, long position, long length);

    /**
     * Answers the client {@code bad_message} with the error's text, counted in the server's error
     * metrics like a {@link BadMessageException} thrown from a {@link SessionHandler} callback; the
     * session stays open. Waits as {@link #send(ByteBuffer)} does.
     *
     * @param error what was wrong with the message
     * @return what became of the reply
     */
    SendResult refuse(BadMessageException error);
}
