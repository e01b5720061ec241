package io.pollen.benchmarks.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ResourceLeakDetector;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline server's entry point: parses the command line, listens on Netty's native epoll
 * transport, prints one line on stdout once it listens, and stops cleanly on SIGTERM or SIGINT.
 *
 * <p>There is no fallback to NIO: if native epoll cannot be loaded the process fails at once with
 * the cause, since a baseline on another transport would not be the baseline the numbers claim.
 *
 * <h2>Output</h2>
 * <ul>
 *   <li>stdout: {@code netty baseline listening on HOST:PORT backend=netty-epoll threads=N}, once;</li>
 *   <li>stderr: {@code netty baseline sessions=N direct_kib=D} every {@code --report-every}, for the
 *       scale run: open connections, and the direct memory Netty's buffer allocator holds, which a
 *       heap measurement does not see;</li>
 *   <li>nothing per connection.</li>
 * </ul>
 * Exit status: 0 after a signal-driven stop, 1 if epoll is unavailable or the bind fails, 2 for a
 * bad command line.
 */
public final class NettyBaselineServer {

    private NettyBaselineServer() {
    }

    /**
     * @param args see {@link BaselineOptions#USAGE}
     * @throws InterruptedException if interrupted while binding or serving
     */
    public static void main(String[] args) throws InterruptedException {
        BaselineOptions options;
        try {
            options = BaselineOptions.parse(args);
        } catch (BaselineOptions.BadOptionException e) {
            System.err.println("netty baseline: " + e.getMessage());
            System.err.println(BaselineOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(BaselineOptions.USAGE);
            return;
        }
        if (!Epoll.isAvailable()) {
            System.err.println("netty baseline: native epoll is unavailable, and this baseline runs on nothing else: "
                    + Epoll.unavailabilityCause());
            System.exit(1);
            return;
        }
        // Netty samples buffers for leak detection unless told otherwise, which a production server
        // turns off; an explicit -Dio.netty.leakDetection.level still wins.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        serve(options);
    }

    private static void serve(BaselineOptions options) throws InterruptedException {
        // One group for both the listening socket and the connections, as Pollen runs its acceptor on
        // one of its --threads loops: both servers then use exactly --threads event-loop threads.
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(options.threads(), EpollIoHandler.newFactory());
        AtomicInteger sessions = new AtomicInteger();
        Channel listener;
        try {
            listener = new ServerBootstrap()
                    .group(loops)
                    .channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new Initializer(options, sessions))
                    .bind(options.host(), options.port())
                    .sync()
                    .channel();
        } catch (Exception e) {
            // bind().sync() rethrows the bind failure (port in use, bad address) undeclared.
            System.err.println("netty baseline: cannot listen on " + options.host() + ":" + options.port() + ": " + e);
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            System.exit(1);
            return;
        }
        Thread reporter = startReporter(options, sessions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (reporter != null) {
                reporter.interrupt();
            }
            listener.close().syncUninterruptibly();
            // Closes every connection; the short quiet period only lets in-flight replies go out.
            loops.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
            System.err.println("netty baseline stopped");
            System.err.flush();
            stopped.countDown();
            // Everything is closed: end with status 0 (a clean stop) rather than the 128+signal
            // status the JVM would report, as Pollen's server does. This is the only hook.
            Runtime.getRuntime().halt(0);
        }, "netty-baseline-shutdown"));

        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        System.out.println("netty baseline listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort()
                + " backend=netty-epoll threads=" + options.threads());
        System.out.flush();
        stopped.await();
    }

    /**
     * Prints the session count and the allocator's direct memory on stderr at a fixed rate, on a
     * thread of its own so that a slow stderr can never stall an event loop.
     */
    private static Thread startReporter(BaselineOptions options, AtomicInteger sessions) {
        long everyMillis = options.reportEvery().toMillis();
        if (everyMillis == 0) {
            return null;
        }
        Thread reporter = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(everyMillis);
                    System.err.println("netty baseline sessions=" + sessions.get()
                            + " direct_kib=" + allocatorDirectMemory() / 1024);
                }
            } catch (InterruptedException e) {
                // Stopping: the shutdown hook interrupts us.
            }
        }, "netty-baseline-reporter");
        reporter.setDaemon(true);
        reporter.start();
        return reporter;
    }

    /** @return the direct memory the channels' allocator holds, in bytes, or -1 if it does not say */
    private static long allocatorDirectMemory() {
        // Every channel uses ByteBufAllocator.DEFAULT (in 4.2 the adaptive allocator), which reports
        // the memory it has reserved, in use or cached, not just the live buffers.
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory() : -1;
    }

    /** Builds each connection's pipeline; shared by all connections, so it holds only shared parts. */
    private static final class Initializer extends ChannelInitializer<EpollSocketChannel> {
        private final BaselineOptions options;
        private final AtomicInteger sessions;
        private final PingJson json = new PingJson();
        private final NetStringFrameEncoder encoder = new NetStringFrameEncoder();

        Initializer(BaselineOptions options, AtomicInteger sessions) {
            this.options = options;
            this.sessions = sessions;
        }

        @Override
        protected void initChannel(EpollSocketChannel channel) {
            long keepAliveMillis = options.keepAlive().toMillis();
            channel.pipeline().addLast(
                    new IdleStateHandler(keepAliveMillis, 0, 0, TimeUnit.MILLISECONDS),
                    new NetStringFrameDecoder(options.maxFrame()),
                    encoder,
                    new PingHandler(json, sessions, keepAliveMillis, options.keepAliveMisses()));
        }
    }
}
