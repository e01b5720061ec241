/**
 * Benchmarks of the wire codec, without sockets: bytes go straight into the codec's connection handler
 * as an event loop would hand them over.
 *
 * <ul>
 *   <li>{@link io.pollen.jmh.codec.SmallMessageBenchmark}: messages per second, framing alone and
 *       framing plus JSON parsing.</li>
 *   <li>{@link io.pollen.jmh.codec.LargeMessageBenchmark}: MiB per second for a 16 MiB message
 *       streamed through the incremental parser.</li>
 *   <li>{@link io.pollen.jmh.codec.LargeMessagePeakHeap}: a plain main that streams a 100 MiB message
 *       and reports the heap's peak; run it with {@code -Xmx64m}.</li>
 * </ul>
 *
 * <p>The upload these stream is {@code io.pollen.codec.reactor.UploadGenerator}, and the peak-heap run
 * {@code io.pollen.codec.reactor.LargeUploadRun}, both from codec-netstring's test-jar: the module's
 * {@code LargeUploadForkedTest} streams the very same message.
 */
package io.pollen.jmh.codec;
