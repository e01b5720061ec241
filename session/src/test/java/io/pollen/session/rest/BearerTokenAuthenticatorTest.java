package io.pollen.session.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenAuthenticatorTest {

    @Test
    void withoutATokenEveryRequestIsAccepted() {
        BearerTokenAuthenticator open = new BearerTokenAuthenticator(null);

        assertThat(open.isEnabled()).isFalse();
        assertThat(open.accepts(null)).isTrue();
        assertThat(open.accepts("Bearer anything")).isTrue();
    }

    @Test
    void withATokenOnlyTheBearerSchemeWithThatExactTokenIsAccepted() {
        BearerTokenAuthenticator auth = new BearerTokenAuthenticator("abc123");

        assertThat(auth.accepts("Bearer abc123")).isTrue();
        assertThat(auth.accepts("bearer abc123")).isTrue();
        assertThat(auth.accepts("Bearer  abc123 ")).isTrue();

        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.accepts("")).isFalse();
        assertThat(auth.accepts("Bearer")).isFalse();
        assertThat(auth.accepts("Bearer ABC123")).isFalse();
        assertThat(auth.accepts("Bearer abc1234")).isFalse();
        assertThat(auth.accepts("Bearer abc12")).isFalse();
        assertThat(auth.accepts("Basic abc123")).isFalse();
        assertThat(auth.accepts("abc123")).isFalse();
    }
}
