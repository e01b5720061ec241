/**
 * Benchmarks that compare the backends ({@code select}, {@code poll}, {@code epoll}, {@code nio}),
 * each a {@code @Param} of the aliases in {@link io.pollen.reactor.spi.BackendAliases}, and the program
 * that turns their JMH JSON output into the chart of {@code docs/BENCHMARKS.md}.
 *
 * <p>Benchmarks run in forked JVMs with {@code --enable-native-access=ALL-UNNAMED}, so the native
 * backends load without warnings on Java 22 and later.
 */
package io.pollen.jmh.reactor;
