package io.pollen.examples.supervisor;

import io.pollen.examples.PollenExamples;
import io.pollen.examples.cli.DurationConverter;
import io.pollen.examples.process.SameJvmCommand;
import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.examples.server.ServerCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of one worker: {@linkplain SameJvmCommand this JVM again} running {@code server} with
 * the supervisor's own settings, except that it listens on the shared port with {@code SO_REUSEPORT}
 * (the hidden {@value ServerCommand#WORKER_OPTION}), has no REST gateway of its own (the supervisor serves
 * REST for all) and a node name of its own. The Redis URI, which may hold a password, travels in the
 * worker's environment ({@value #REDIS_VARIABLE}), out of sight of {@code ps}; so does the hello secret,
 * which the worker inherits.
 *
 * <p>Stateless; safe from any thread.
 */
public final class WorkerCommand {
    /** The environment variable a worker reads its {@code --redis} from. */
    public static final String REDIS_VARIABLE = "POLLEN_WORKER_REDIS";

    private WorkerCommand() {
    }

    /**
     * @param config the supervisor's settings, concluded
     * @param port   the session port every worker shares
     * @param node   the worker's node name
     * @return its command line
     */
    static List<String> of(ExampleServerConfig config, int port, String node) {
        List<String> command = new ArrayList<>(SameJvmCommand.prefix());
        command.add(PollenExamples.class.getName());
        command.addAll(List.of("server",
                "--backend", config.backend(),
                "--host", config.address().getAddress().getHostAddress(),
                "--port", Integer.toString(port),
                "--http-port", "0",
                "--threads", Integer.toString(config.threads()),
                "--keepalive", DurationConverter.format(config.keepAlive().interval()),
                "--keepalive-misses", Integer.toString(config.keepAlive().misses()),
                "--max-frame", Long.toString(config.maxFrameLength()),
                "--node", node,
                ServerCommand.WORKER_OPTION));
        if (config.maxSessions() != ExampleServerConfig.NO_SESSION_CAP) {
            command.addAll(List.of("--max-sessions", Integer.toString(config.maxSessions())));
        }
        if (config.sequential()) {
            command.add("--sequential");
        }
        if (config.pingInterval() != null) {
            command.addAll(List.of("--ping-interval", DurationConverter.format(config.pingInterval())));
        }
        return command;
    }

    /**
     * @param config the supervisor's settings
     * @return what a worker's environment gets on top of the supervisor's
     */
    static Map<String, String> environment(ExampleServerConfig config) {
        return Map.of(REDIS_VARIABLE, config.redisUri());
    }
}
