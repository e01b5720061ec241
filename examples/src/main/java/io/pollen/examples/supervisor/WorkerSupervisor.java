package io.pollen.examples.supervisor;

import io.pollen.examples.server.ClusterConnection;
import io.pollen.examples.server.ExampleServerConfig;
import io.pollen.session.cluster.SessionCluster;
import io.pollen.session.rest.RestGateway;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code server --workers N}: N worker processes of this jar share the session port through
 * {@code SO_REUSEPORT} (the kernel spreads connections over them, each process within its own open-file
 * limit), every worker a node of the Redis cluster; this process serves the REST port for all of them
 * through the cluster, restarts a worker that dies (after a {@link RestartBackoff back-off}, logged), and
 * on {@link #stop()} lets every worker drain and exit.
 *
 * <h2>Assumptions and guarantees</h2>
 * <ul>
 *   <li>{@link #start} returns only once every worker listens and the gateway is up; if any of that fails
 *       it stops what it started and throws, quoting the failing worker's last lines.</li>
 *   <li>A restarted worker takes a new node name ({@code <name>-w<i>.r<k>}), because its predecessor's name
 *       stays alive in the cluster until its heartbeat expires.</li>
 *   <li>No worker outlives the supervisor: {@link #stop()} ends them, and a worker whose supervisor was
 *       killed outright stops by itself.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #start} and {@link #stop()} are called once each, from any thread; restarts run on one
 * scheduler thread of the supervisor's own.
 */
public final class WorkerSupervisor {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Beyond the drain timeout, what a worker may take to leave the cluster and exit. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(15);
    private static final Pattern BACKEND = Pattern.compile(" backend=(\\S+)");

    private final ExampleServerConfig config;
    private final int port;
    private final PrintWriter log;
    private final AtomicReferenceArray<WorkerProcess> workers;
    private final RestartBackoff[] backoffs;
    private final int[] restarts;
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pollen-supervisor-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private volatile String listeningLine;
    private SessionCluster cluster;
    private RestGateway rest;

    private WorkerSupervisor(ExampleServerConfig config, int port, PrintWriter log) {
        this.config = config;
        this.port = port;
        this.log = log;
        this.workers = new AtomicReferenceArray<>(config.workers());
        this.backoffs = new RestartBackoff[config.workers()];
        this.restarts = new int[config.workers()];
        for (int i = 0; i < backoffs.length; i++) {
            backoffs[i] = new RestartBackoff();
        }
    }

    /**
     * @param config the settings, with {@link ExampleServerConfig#workers()} above 1; concluded first
     * @param log    where the supervisor's and the workers' lines go
     * @return the supervisor, every worker listening
     * @throws IOException if Redis cannot be reached, a worker does not start, or the REST port cannot be bound
     */
    public static WorkerSupervisor start(ExampleServerConfig config, PrintWriter log) throws IOException, InterruptedException {
        config.conclude();
        WorkerSupervisor supervisor = new WorkerSupervisor(config, sharedPort(config.address()), log);
        try {
            supervisor.startAll();
            return supervisor;
        } catch (IOException | RuntimeException | InterruptedException e) {
            supervisor.abort();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        // Connected, never joined: the supervisor holds no session and routes every call to a worker.
        cluster = ClusterConnection.connect(config, config.resolvedNodeName() + "-supervisor");
        String firstLine = null;
        for (int i = 0; i < workers.length(); i++) {
            workers.set(i, launch(i));
        }
        for (int i = 0; i < workers.length(); i++) {
            String line = workers.get(i).awaitListening(START_TIMEOUT);
            if (firstLine == null) {
                firstLine = line;
            }
            watch(i, workers.get(i));
        }
        InetSocketAddress http = null;
        if (config.httpAddress() != null) {
            try {
                rest = RestGateway.start(cluster, backendOf(firstLine), config.maxFrameLength(), config.restGateway());
            } catch (IOException e) {
                throw new IOException("cannot start the REST gateway on " + config.httpAddress() + ": " + e.getMessage(), e);
            }
            http = rest.localAddress();
        }
        listeningLine = describe(firstLine, http);
    }

    /** @return the one line the command prints: the first worker's, with the supervisor's REST address and the workers */
    public String listeningLine() {
        return listeningLine;
    }

    /** @return the session port the workers share */
    public int port() {
        return port;
    }

    /** @return the REST gateway's address, or null if it is off */
    public InetSocketAddress httpAddress() {
        return rest == null ? null : rest.localAddress();
    }

    /** @return the process ids of the workers running now, in worker order */
    public List<Long> workerPids() {
        return IntStream.range(0, workers.length()).mapToObj(workers::get).map(WorkerProcess::pid).toList();
    }

    /**
     * Stops the gateway, asks every worker to drain and exit (SIGTERM), waits for them, then leaves Redis.
     *
     * @return true if every worker exited with status 0 within the drain timeout and its grace
     */
    public boolean stop() {
        stopRestartsAndRest();
        eachWorker(WorkerProcess::stop);
        boolean clean = true;
        Duration timeout = config.drainTimeout().plus(EXIT_GRACE);
        try {
            for (int i = 0; i < workers.length(); i++) {
                WorkerProcess worker = workers.get(i);
                if (worker == null) {
                    continue;
                }
                int status = worker.awaitExit(timeout);
                if (status != 0) {
                    say("worker " + worker.name() + " (pid " + worker.pid() + ") "
                            + (status < 0 ? "did not exit within " + timeout.toSeconds() + " s and was killed" : "exited with status " + status));
                    clean = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        return clean;
    }

    private WorkerProcess launch(int index) throws IOException {
        String node = config.resolvedNodeName() + "-w" + (index + 1) + (restarts[index] == 0 ? "" : ".r" + restarts[index]);
        return WorkerProcess.start(node, WorkerCommand.of(config, port, node), WorkerCommand.environment(config), log);
    }

    private void watch(int index, WorkerProcess worker) {
        worker.onExit().thenAccept(process -> {
            if (stopping) {
                return;
            }
            Duration wait;
            synchronized (backoffs[index]) {
                wait = backoffs[index].afterDeath(worker.age());
            }
            say("worker " + worker.name() + " (pid " + worker.pid() + ") exited with status " + process.exitValue()
                    + "; restarting it in " + wait.toMillis() + " ms");
            try {
                restarter.schedule(() -> restart(index), wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Stopping began meanwhile: nothing to restart.
            }
        });
    }

    /** On the restarter thread. */
    private void restart(int index) {
        if (stopping) {
            return;
        }
        restarts[index]++;
        try {
            WorkerProcess worker = launch(index);
            workers.set(index, worker);
            worker.awaitListening(START_TIMEOUT);
            say("worker " + worker.name() + " (pid " + worker.pid() + ") listening");
            watch(index, worker);
        } catch (IOException e) {
            say("restarting worker " + (index + 1) + " failed: " + e.getMessage());
            WorkerProcess failed = workers.get(index);
            if (failed != null) {
                failed.kill();
                // Its exit brings the next attempt, after a longer back-off.
                watch(index, failed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A start that failed half way: everything it started ends at once. */
    private void abort() {
        stopRestartsAndRest();
        eachWorker(WorkerProcess::kill);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** No worker is restarted any more, and no REST call comes in. */
    private void stopRestartsAndRest() {
        stopping = true;
        restarter.shutdownNow();
        if (rest != null) {
            rest.close();
        }
    }

    private void eachWorker(Consumer<WorkerProcess> action) {
        for (int i = 0; i < workers.length(); i++) {
            WorkerProcess worker = workers.get(i);
            if (worker != null) {
                action.accept(worker);
            }
        }
    }

    private String describe(String workerLine, InetSocketAddress http) {
        String line = workerLine.replaceFirst(" node=\\S+", "");
        if (http != null) {
            String host = http.getAddress().getHostAddress();
            line = line.replace(" http=off", " http=http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + http.getPort());
        }
        String names = IntStream.range(0, workers.length()).mapToObj(workers::get)
                .map(worker -> worker.name() + " pid " + worker.pid()).collect(Collectors.joining(", "));
        return line + " node=" + config.resolvedNodeName() + "-supervisor workers=" + workers.length() + " (" + names + ")";
    }

    private static String backendOf(String workerLine) {
        Matcher backend = BACKEND.matcher(workerLine);
        return backend.find() ? backend.group(1) : "unknown";
    }

    /** The port the workers share: the one asked for, or for port 0 one that is free now. */
    private static int sharedPort(InetSocketAddress address) throws IOException {
        if (address.getPort() != 0) {
            return address.getPort();
        }
        try (ServerSocket probe = new ServerSocket(0, 1, address.getAddress())) {
            return probe.getLocalPort();
        }
    }

    private void say(String line) {
        synchronized (log) {
            log.println("pollen supervisor: " + line);
            log.flush();
        }
    }
}
