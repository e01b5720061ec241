package io.pollen.codec;

import io.pollen.codec.netstring.NetstringDecoder;
import io.pollen.codec.reactor.MessageConnectionHandler;
import io.pollen.codec.reactor.MessageHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings are stored as given and checked together, once, before anything uses them. */
class CodecConfigTest {

    @Test
    void concludeNamesTheBadSettingAndItsRange() {
        assertThatThrownBy(() -> new CodecConfig().maxFrameLength(-1).conclude())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFrameLength must be between 0 and " + NetstringDecoder.LARGEST_MAX_FRAME_LENGTH
                        + " bytes, got -1");
        assertThatThrownBy(() -> new CodecConfig().maxFrameLength(NetstringDecoder.LARGEST_MAX_FRAME_LENGTH + 1).conclude())
                .hasMessageContaining("maxFrameLength must be between 0 and");
        assertThatThrownBy(() -> new CodecConfig().largeMessageThreshold(-1).conclude())
                .hasMessage("largeMessageThreshold must not be negative, got -1");
        assertThatThrownBy(() -> new CodecConfig().jsonLimits(limits -> limits.maxNameLength(0)).conclude())
                .hasMessage("maxNameLength must be at least 1, got 0");
    }

    @Test
    void whatConsumesTheSettingsConcludesThemFirst() {
        CodecConfig bad = new CodecConfig().largeMessageThreshold(-1);
        MessageHandler ignore = (connection, message) -> { };

        assertThatThrownBy(bad::newDecoder).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageConnectionHandler.factory(bad, ignore)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultsAreTheConstantsBesideTheSetters() {
        CodecConfig defaults = new CodecConfig().conclude();

        assertThat(defaults.maxFrameLength()).isEqualTo(CodecConfig.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(defaults.largeMessageThreshold()).isEqualTo(CodecConfig.DEFAULT_LARGE_MESSAGE_THRESHOLD);
    }
}
