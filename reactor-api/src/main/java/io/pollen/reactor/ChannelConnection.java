package io.pollen.reactor;

import io.pollen.reactor.spi.Interest;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * A {@link Connection} over a non-blocking {@link SocketChannel}, pinned to one {@link PollerEventLoop}:
 * the socket under an {@link AbstractConnection}. It registers the socket and keeps its interest in
 * step with the connection's state, reads, hands the outbound path's buffers to the kernel, and
 * releases the descriptor. A client connection carries its {@link ConnectAttempt} until connected.
 *
 * <p>An idle connection holds no buffer: reads go through the loop's one buffer (at most
 * {@value #MAX_READS_PER_EVENT} per readiness event, so one busy peer cannot starve the others), and
 * the outbound queue drops its buffers as they are written. What is safe from any thread is said by
 * {@link AbstractConnection} and {@link OutboundBuffer}; everything here runs on the loop thread.
 */
final class ChannelConnection extends AbstractConnection implements Registrant {
    private static final System.Logger LOG = System.getLogger(ChannelConnection.class.getName());
    /** Reads per readiness event before yielding to other connections. */
    private static final int MAX_READS_PER_EVENT = 16;

    private final PollerEventLoop loop;
    private final SocketChannel channel;
    /** Null for an accepted connection. */
    private final ConnectAttempt connect;

    // Loop-owned.
    private int token = -1;
    private int interest;
    private boolean readEnabled = true;
    private boolean inputClosed;

    /**
     * @param connect the client connect this connection waits for, or null for an accepted one
     */
    ChannelConnection(PollerEventLoop loop, long id, SocketChannel channel, ConnectionHandler handler,
                      ConnectAttempt connect) {
        super(id, handler, loop.writeLimits, loop.flushList());
        this.loop = loop;
        this.channel = channel;
        this.connect = connect;
    }

    static void configure(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        // Small frames (keep-alives, pings) must not wait for Nagle's timer.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    boolean isAccepted() {
        return connect == null;
    }

    // ---------------------------------------------------------------- Connection, any thread

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return connect == null ? null : connect.target();
        }
    }

    @Override
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void setReadEnabled(boolean enabled) {
        onLoop(() -> {
            readEnabled = enabled;
            updateInterest();
        });
    }

    // ---------------------------------------------------------------- registration and readiness

    void register(int initialInterest) throws IOException {
        interest = initialInterest;
        token = loop.register(channel, this, initialInterest);
    }

    /** The socket is connected and registered: announce it, then read. */
    void established() {
        markOpen();
        loop.counters.open.increment();
        updateInterest();
        fireOpened();
        if (connect != null) {
            connect.succeeded(this);
        }
    }

    @Override
    public void onReady(int readyOps) {
        if (isReleased()) {
            return;
        }
        if (isConnecting()) {
            if ((readyOps & (Interest.CONNECT | Interest.WRITE | Interest.READ)) != 0) {
                finishConnect();
            }
            return;
        }
        if ((readyOps & Interest.WRITE) != 0) {
            flush();
        }
        if ((readyOps & Interest.READ) != 0 && !isReleased()) {
            readAvailable();
        }
    }

    @Override
    public void beginShutdown() {
        closeForShutdown();
    }

    @Override
    public void abortForShutdown(Throwable cause) {
        closeNow(cause);
    }

    private void finishConnect() {
        try {
            if (connect.finish(channel)) {
                established();
            }
        } catch (ConnectException e) {
            closeNow(e);
        }
    }

    private void readAvailable() {
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            if (!isOpen() || !readEnabled || inputClosed) {
                return;
            }
            ByteBuffer buffer = loop.readBuffer();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                closeNow(e);
                return;
            }
            if (n < 0) {
                endOfInput();
                return;
            }
            if (n == 0) {
                return;
            }
            loop.counters.bytesRead.add(n);
            if (!fireRead(loop.readView(n)) || n < buffer.capacity()) {
                return;
            }
        }
    }

    private void endOfInput() {
        inputClosed = true;
        // Level-triggered pollers report end-of-stream forever: stop watching reads first.
        updateInterest();
        fireInputClosed();
    }

    /**
     * READ while open and reading; WRITE while bytes are queued (the kernel's buffer was full, and
     * the poller says when it has room); CONNECT while connecting.
     */
    @Override
    void updateInterest() {
        if (isReleased() || token < 0) {
            return;
        }
        int wanted = isConnecting() ? Interest.CONNECT
                : (readEnabled && !inputClosed && isOpen() ? Interest.READ : 0)
                        | (hasQueued() ? Interest.WRITE : 0);
        if (wanted != interest) {
            try {
                loop.modify(token, wanted);
                interest = wanted;
            } catch (IOException e) {
                closeNow(e);
            }
        }
    }

    // ---------------------------------------------------------------- the transport, for AbstractConnection

    @Override
    long transmit(ByteBuffer[] buffers, int count) throws IOException {
        long written = count == 1 ? channel.write(buffers[0]) : channel.write(buffers, 0, count);
        if (written > 0) {
            loop.counters.bytesWritten.add(written);
        }
        return written;
    }

    /** The kernel copies from the file to the socket ({@code sendfile} on Linux): no byte passes through the heap. */
    @Override
    long transmitFile(FileChannel file, long position, long count) throws IOException {
        long written = file.transferTo(position, count, channel);
        if (written > 0) {
            loop.counters.bytesWritten.add(written);
        }
        return written;
    }

    @Override
    long drainTimeoutNanos() {
        return loop.reactor().shutdownDrainNanos();
    }

    @Override
    void writeRejected() {
        loop.counters.rejectedWrites.increment();
    }

    @Override
    void released(boolean wasEstablished, Throwable cause) {
        if (token >= 0) {
            loop.deregister(token, this);
        }
        loop.reactor().closeQuietly(channel);
        loop.connectionClosed(this);
        if (connect != null) {
            connect.failed(cause);
        }
        if (!wasEstablished) {
            return;
        }
        loop.counters.open.decrement();
        loop.counters.closed.increment();
        try {
            handler.onClose(this, cause);
        } catch (RuntimeException | Error e) {
            FatalErrors.rethrowIfFatal(e);
            LOG.log(Level.WARNING, "onClose of connection " + id() + " threw", e);
        }
    }
}
