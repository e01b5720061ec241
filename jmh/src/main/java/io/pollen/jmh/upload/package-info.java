/**
 * End-to-end upload throughput against the example server, as a user would run it: a real
 * {@code pollen-examples.jar server} process, a loopback socket, a 100 MB {@code upload} frame, timed
 * from its first byte sent to its {@code ack} read. Plain mains rather than JMH: one operation is a
 * 100 MB message, and the server under test is another process.
 *
 * <ul>
 *   <li>{@link io.pollen.jmh.upload.UploadDocument}: the frame, built once in memory, with its
 *       {@code "type"} first or last, and item-dense or string-heavy.</li>
 *   <li>{@link io.pollen.jmh.upload.UploadThroughput}: the client: sends the frame N times on one
 *       connection and prints one JSON line with each run and the median in MB/s.</li>
 *   <li>{@link io.pollen.jmh.upload.JacksonBaseline}: the same document through jackson alone (blocking
 *       parser, and non-blocking parser in 64 KiB chunks), in this JVM: the ceiling to compare with.</li>
 * </ul>
 *
 * <p>{@code examples/upload-bench.sh} starts the server and runs these; {@code examples/rss-run.sh}
 * uses the client to measure the server's resident memory around three uploads.
 */
package io.pollen.jmh.upload;
