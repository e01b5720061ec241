package io.pollen.session.rest;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTargetTest {

    @Test
    void splitsThePathBeforeDecodingEachSegment() throws Exception {
        RequestTarget target = RequestTarget.parse(URI.create("/sessions/a%2Fb%20c+%CE%B1/messages"));

        assertThat(target.segments()).containsExactly("sessions", "a/b c+\u03b1", "messages");
    }

    @Test
    void keepsEmptySegmentsSoATrailingSlashIsADifferentPath() throws Exception {
        assertThat(RequestTarget.parse(URI.create("/")).segments()).isEmpty();
        assertThat(RequestTarget.parse(URI.create("/sessions/")).segments()).containsExactly("sessions", "");
    }

    @Test
    void decodesQueryValuesAsFormsDoAndKeepsTheFirstOfRepeats() throws Exception {
        RequestTarget target = RequestTarget.parse(URI.create("/sessions?after=a+b%2Bc&limit=5&limit=6&flag"));

        assertThat(target.query("after")).isEqualTo("a b+c");
        assertThat(target.query("limit")).isEqualTo("5");
        assertThat(target.query("flag")).isEmpty();
        assertThat(target.query("absent")).isNull();
    }

    @Test
    void refusesSegmentsThatAreNotUtf8() {
        // java.net.URI itself refuses malformed escapes, so only bytes that are not UTF-8 get this far.
        for (String bad : new String[] {"/sessions/%C3", "/sessions/a%C3%28", "/sessions/%FF"}) {
            assertThatThrownBy(() -> RequestTarget.parse(URI.create(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(RestRequestException.class,
                            e -> assertThat(e.error()).isEqualTo(RestError.BAD_REQUEST));
        }
    }
}
