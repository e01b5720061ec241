package io.pollen.examples.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures REST latency at a fixed request rate, for {@code examples/scale-run-cluster.sh}: after
 * {@code warmup} seconds at the same rate that are not recorded (this JVM's and the server's JIT, the
 * HTTP client's connection pool), it sends {@code GET url} at {@code rate} requests a second for
 * {@code seconds} seconds, open loop (each request
 * leaves at its planned time whether or not the previous ones were answered), and times each from its
 * planned departure to its answer, so a stall is counted against every request it delays rather than
 * hidden. Prints one JSON line: {@code {"requests":..,"ok":..,"errors":..,"p50_us":..,"p99_us":..,
 * "p999_us":..,"max_us":..}}; a request is ok if the answer is 200.
 *
 * <pre>{@code
 * java -cp examples/target/pollen-examples.jar io.pollen.examples.bench.RestLatencyProbe \
 *     http://127.0.0.1:8080/sessions/c-7 1000 20 5
 * }</pre>
 *
 * <p>A command-line tool: {@link #main} runs on the main thread, answers are recorded on the HTTP
 * client's threads into a synchronized histogram.
 */
public final class RestLatencyProbe {
    private RestLatencyProbe() {
    }

    /**
     * @param args the URL, requests per second, and seconds
     * @throws InterruptedException if interrupted while waiting for the last answers
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: RestLatencyProbe URL REQUESTS_PER_SECOND SECONDS [WARMUP_SECONDS (5)]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = args.length == 4 ? Integer.parseInt(args[3]) : 5;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int total = rate * seconds;
        int warmups = rate * warmup;
        CountDownLatch answered = new CountDownLatch(total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < warmups + total; i++) {
            long planned = start + i * intervalNanos;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (i < warmups) {
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
                continue;
            }
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long micros = (System.nanoTime() - planned) / 1_000;
                synchronized (latencies) {
                    latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
                }
                if (failure == null && response.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
                answered.countDown();
            });
        }
        if (!answered.await(30, TimeUnit.SECONDS)) {
            System.err.println("RestLatencyProbe: " + answered.getCount() + " requests still unanswered 30 s after the last");
        }
        synchronized (latencies) {
            System.out.println("{\"requests\":" + total + ",\"ok\":" + ok.get() + ",\"errors\":" + errors.get()
                    + ",\"p50_us\":" + latencies.getValueAtPercentile(50) + ",\"p99_us\":" + latencies.getValueAtPercentile(99)
                    + ",\"p999_us\":" + latencies.getValueAtPercentile(99.9) + ",\"max_us\":" + latencies.getMaxValue() + "}");
        }
        System.exit(errors.get() == 0 && answered.getCount() == 0 ? 0 : 1);
    }
}
