package io.pollen.reactor;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Accept failures are told apart by the condition, whatever language the error message is in. */
class AcceptFailureClassifierTest {
    private static final AcceptFailureClassifier OUT_OF_DESCRIPTORS = new AcceptFailureClassifier(() -> false);
    private static final AcceptFailureClassifier DESCRIPTORS_LEFT = new AcceptFailureClassifier(() -> true);

    @Test
    void aLocalizedMessageWhileNoDescriptorCanBeOpenedIsExhaustion() {
        assertThat(OUT_OF_DESCRIPTORS.classify(new IOException("Trop de fichiers ouverts")))
                .isEqualTo(OverloadReason.DESCRIPTORS_EXHAUSTED);
        assertThat(OUT_OF_DESCRIPTORS.classify(new IOException((String) null)))
                .isEqualTo(OverloadReason.DESCRIPTORS_EXHAUSTED);
    }

    @Test
    void anyMessageWhileDescriptorsAreLeftIsTheConnectionsOwnFailure() {
        assertThat(DESCRIPTORS_LEFT.classify(new IOException("Software caused connection abort")))
                .isEqualTo(OverloadReason.ACCEPT_FAILED);
        assertThat(DESCRIPTORS_LEFT.classify(new IOException("Too many open files")))
                .as("the text is not trusted").isEqualTo(OverloadReason.ACCEPT_FAILED);
    }

    @Test
    void theSocketProbeOpensAndClosesADescriptorWhenSomeAreFree() {
        assertThat(AcceptFailureClassifier.SOCKET_PROBE.canOpenDescriptor()).isTrue();
    }
}
