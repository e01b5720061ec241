package io.pollen.jmh.reactor;

import io.pollen.reactor.spi.BackendAliases;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What every backend comparison shares: the backends as a {@code @Param} of the aliases declared
 * once in {@link BackendAliases}, microseconds, the default warm-up and measurement, and forks that
 * may load the native backends ({@code --enable-native-access}, accepted from Java 17 on and needed
 * from 22 on to keep the JVM quiet). Subclasses add the workload and its size parameter.
 *
 * <p>One instance per benchmark thread ({@link Scope#Thread}); not thread-safe.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public abstract class BackendBenchmark {
    /** The backend under test. */
    @Param({BackendAliases.SELECT, BackendAliases.POLL, BackendAliases.EPOLL, BackendAliases.NIO})
    public String backend;
}
