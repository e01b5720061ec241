/**
 * The {@code epoll(7)} backend through JNI: {@link io.pollen.reactor.epoll.EpollPoller}, its
 * availability check {@link io.pollen.reactor.epoll.Epoll} and its discovery entry
 * {@link io.pollen.reactor.epoll.EpollPollerProvider}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>The poller is a {@link io.pollen.reactor.internal.NativePoller}: the checks, per-token state,
 *       wake-up and lifecycle every native backend shares live there; this package supplies the
 *       mechanism.</li>
 *   <li>Natives are private {@code xxx0} methods of {@code EpollNative}, registered from a
 *       {@code JNINativeMethod} table in {@code src/main/c/epoll.c}; each returns {@code -errno} on
 *       failure and a package-private wrapper {@code xxx} throws an {@link java.io.IOException} naming
 *       the system call. The natives every backend shares are those of
 *       {@link io.pollen.reactor.internal.NativeIo}, which the same {@code JNI_OnLoad} binds.</li>
 *   <li>The wait path creates no Java objects in C: events and results cross JNI as addresses of
 *       direct buffers allocated once per poller.</li>
 *   <li>The library ships in the jar as {@code META-INF/native/libpollen_epoll_linux_<arch>.so} and is
 *       loaded by {@link io.pollen.reactor.internal.NativeLibraryLoader}. On Java 22 and later, class-path
 *       users pass {@code --enable-native-access=ALL-UNNAMED}.</li>
 * </ul>
 */
package io.pollen.reactor.epoll;
