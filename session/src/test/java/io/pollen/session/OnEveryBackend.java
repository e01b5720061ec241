package io.pollen.session;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the annotated class once per backend of {@link TestBackends#all()}, each run
 * reported under the backend's alias ({@code SessionServerTest > epoll > helloClaimsAnId...}). The class
 * takes the alias as its one constructor argument:
 *
 * <pre>{@code
 * @OnEveryBackend
 * class SessionServerTest {
 *     private final String backend;
 *
 *     SessionServerTest(String backend) {
 *         this.backend = backend;
 *     }
 *
 *     @Test
 *     void helloClaimsAnId() { ... reactor(r -> r.backend(backend)) ... }
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@MethodSource("io.pollen.session.TestBackends#all")
public @interface OnEveryBackend {
}
