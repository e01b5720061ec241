/**
 * Tests written once for the native backends ({@code select}, {@code poll}, {@code epoll}): each
 * backend module adds this directory to its test sources through {@code build-helper-maven-plugin}
 * (configured in the parent pom) and binds {@link io.pollen.reactor.nativetest.PollerContractTest} in
 * a few lines. Test code only; never shipped.
 */
package io.pollen.reactor.nativetest;
