package io.pollen.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.pollen.session.cluster.ClusterUnavailableException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The two Lettuce connections of one cluster object, commands and pub/sub, with binary keys and values.
 * Lettuce reconnects both by itself and subscribes the pub/sub one to its channels again; while
 * disconnected, commands are refused at once (not queued), so a caller learns within a call that Redis
 * is out of reach. Safe from any thread; the synchronous {@link #sync()} view must never be used on an
 * event-loop thread or on a Lettuce thread.
 */
final class RedisLink implements AutoCloseable {
    private final String address;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> commands;
    private final StatefulRedisPubSubConnection<byte[], byte[]> pubsub;

    private RedisLink(String address, ClientResources resources, RedisClient client,
                      StatefulRedisConnection<byte[], byte[]> commands, StatefulRedisPubSubConnection<byte[], byte[]> pubsub) {
        this.address = address;
        this.resources = resources;
        this.client = client;
        this.commands = commands;
        this.pubsub = pubsub;
    }

    /**
     * @param config   concluded settings
     * @param messages told of every message on a subscribed channel (channel, message), on a Lettuce thread
     * @return both connections, open
     * @throws IOException naming the address (without password) and the cause if Redis cannot be reached
     *                     or refuses the credentials
     */
    static RedisLink open(RedisClusterConfig config, BiConsumer<byte[], byte[]> messages) throws IOException {
        String address = RedisAddress.redact(config.uri());
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.callTimeout());
        // Reconnect attempts no further apart than a heartbeat, so a node is back within its TTL of Redis.
        ClientResources resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), config.heartbeatInterval(), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.callTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.callTimeout()))
                .build());
        StatefulRedisConnection<byte[], byte[]> commands = null;
        try {
            commands = client.connect(ByteArrayCodec.INSTANCE);
            StatefulRedisPubSubConnection<byte[], byte[]> pubsub = client.connectPubSub(ByteArrayCodec.INSTANCE);
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    messages.accept(channel, message);
                }
            });
            return new RedisLink(address, resources, client, commands, pubsub);
        } catch (RedisException e) {
            if (commands != null) {
                commands.close();
            }
            shutdown(client, resources);
            throw new IOException("cannot reach Redis at " + address + ": " + causes(e), e);
        }
    }

    /** @return the address as messages show it, without password */
    String address() {
        return address;
    }

    /** @return asynchronous commands: safe on any thread */
    RedisAsyncCommands<byte[], byte[]> async() {
        return commands.async();
    }

    /** @return blocking commands, each bounded by the call timeout: never on a loop or Lettuce thread */
    RedisCommands<byte[], byte[]> sync() {
        return commands.sync();
    }

    /** @return the pub/sub connection */
    StatefulRedisPubSubConnection<byte[], byte[]> pubsub() {
        return pubsub;
    }

    /**
     * Runs one asynchronous command, with its failure (refused while disconnected, timed out, an
     * error reply) as a {@link ClusterUnavailableException} saying what was being done.
     *
     * @param what    what the command is for, in a message
     * @param command issues the command
     * @return its result
     */
    <T> CompletableFuture<T> call(String what, Supplier<RedisFuture<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            command.get().whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(unavailable(what, failure));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(unavailable(what, e));
        }
        return result;
    }

    /**
     * @param what    what failed
     * @param failure the client's failure
     * @return the failure as callers of the cluster see it
     */
    ClusterUnavailableException unavailable(String what, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return new ClusterUnavailableException("Redis at " + address + " failed " + what + ": " + causes(cause), cause);
    }

    /** The messages of a failure and its causes, so that "WRONGPASS" or "Connection refused" shows. */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    /** Closes both connections and the client's threads, waiting for them. */
    @Override
    public void close() {
        try {
            pubsub.close();
            commands.close();
        } finally {
            shutdown(client, resources);
        }
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
