/**
 * The {@code poll(2)} backend through JNI: {@link io.pollen.reactor.poll.PollPoller}, its
 * availability check {@link io.pollen.reactor.poll.Poll} and its discovery entry
 * {@link io.pollen.reactor.poll.PollPollerProvider}.
 *
 * <p>Honestly O(n): every wait passes the whole {@code struct pollfd} array to the kernel and scans
 * it afterwards. Registration updates are O(1).
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>The poller is a {@link io.pollen.reactor.internal.NativePoller}: the checks, per-token state,
 *       wake-up and lifecycle every native backend shares live there; this package supplies the
 *       mechanism.</li>
 *   <li>Natives are private {@code xxx0} methods of {@code PollNative}, registered from a
 *       {@code JNINativeMethod} table in {@code src/main/c/poll.c}; each returns {@code -errno} on
 *       failure and a package-private wrapper {@code xxx} throws an {@link java.io.IOException} naming
 *       the system call. The natives every backend shares are those of
 *       {@link io.pollen.reactor.internal.NativeIo}, which the same {@code JNI_OnLoad} binds.</li>
 *   <li>The wait path creates no Java objects in C: the {@code pollfd} array and the results cross
 *       JNI as addresses of direct buffers.</li>
 *   <li>The library ships in the jar as {@code META-INF/native/libpollen_poll_linux_<arch>.so} and is
 *       loaded by {@link io.pollen.reactor.internal.NativeLibraryLoader}. On Java 22 and later, class-path
 *       users pass {@code --enable-native-access=ALL-UNNAMED}.</li>
 * </ul>
 */
package io.pollen.reactor.poll;
