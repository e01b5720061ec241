/**
 * A benchmark-only Netty 4.2 server on the native epoll transport that speaks the ping subset of
 * Pollen's wire protocol, so the scale run ({@code examples/scale-run.sh netty}) can put the same
 * load on it as on Pollen's example server and compare CPU per keep-alive and heap per session.
 *
 * <p>It is deliberately not part of Pollen's build: it lives in its own standalone Maven project and
 * nothing in Pollen depends on it.
 *
 * <h2>What it answers</h2>
 * Every frame is a NetString, {@code <decimal length>:<payload>,}.
 * <ul>
 *   <li>{@code {"type":"hello","id":"c-42"}} gets {@code {"type":"welcome","session":"c-42","keepalive_ms":30000}};</li>
 *   <li>{@code 0:,} (an empty frame) gets nothing: it only proves the client is alive;</li>
 *   <li>{@code {"type":"ping","seq":7}} gets {@code {"type":"pong","seq":7}}, the seq copied verbatim;</li>
 *   <li>anything else, including a payload that is not JSON, is ignored;</li>
 *   <li>broken framing, or a length over the maximum, closes the connection without a reply;</li>
 *   <li>a client silent for {@code misses} keep-alive intervals gets {@code {"type":"error","code":"timeout"}}
 *       (best effort) and is closed.</li>
 * </ul>
 *
 * <h2>Where it differs from Pollen, on purpose</h2>
 * It keeps no registry of sessions by id (a second hello with the same id displaces nothing), has
 * no REST gateway, and sends no error replies except the timeout one. Those are costs Pollen carries
 * and the baseline does not, which is worth remembering when reading the heap-per-session ratio.
 */
package io.pollen.benchmarks.netty;
