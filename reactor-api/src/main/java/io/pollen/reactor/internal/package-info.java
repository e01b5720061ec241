/**
 * Not API. The one native layer of Pollen's own backend modules ({@code pollen-reactor-select},
 * {@code -poll}, {@code -epoll}), the Java half of {@code native/include/pollen_native.h}: what the
 * three backends would otherwise each write again.
 *
 * <ul>
 *   <li>{@link io.pollen.reactor.internal.NativeIo}: the natives every library shares (eventfd,
 *       close, descriptor numbers, buffer addresses), bound by each library's {@code JNI_OnLoad},
 *       and errno to {@link java.io.IOException};</li>
 *   <li>{@link io.pollen.reactor.internal.NativeLibraryLoader} and
 *       {@link io.pollen.reactor.internal.NativeAvailability}: loading a library and deciding, once,
 *       whether a backend works;</li>
 *   <li>{@link io.pollen.reactor.internal.NativePollerProvider}: the provider every backend
 *       registers;</li>
 *   <li>{@link io.pollen.reactor.internal.NativePoller}: the checks, per-token state and lifecycle
 *       of every native poller, around hooks for the mechanism, with its parts
 *       {@link io.pollen.reactor.internal.NativeWakeup}, {@link io.pollen.reactor.internal.IntByToken},
 *       {@link io.pollen.reactor.internal.ReadyList}, {@link io.pollen.reactor.internal.WaitTimeouts}
 *       and {@link io.pollen.reactor.internal.RegistrationArguments} (which the NIO backend uses
 *       too).</li>
 * </ul>
 *
 * <p>These classes are public only because the backends live in other jars; Java has no way to
 * share a class with a fixed set of other jars. Nothing here is covered by compatibility
 * guarantees: it may change in any release. Applications and third-party backends use
 * {@link io.pollen.reactor} and {@link io.pollen.reactor.spi} only.
 */
package io.pollen.reactor.internal;
