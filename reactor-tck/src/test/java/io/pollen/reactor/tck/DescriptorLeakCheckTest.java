package io.pollen.reactor.tck;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DescriptorLeakCheckTest {

    @Test
    @SuppressWarnings("try") // the file only has to be open, not to be used
    void aDescriptorLeftOpenFailsTheCheckAndIsNamed() throws Exception {
        JdkDescriptorWarmUp.ensureDone();
        DescriptorLeakCheck.Baseline before = DescriptorLeakCheck.Baseline.take();
        try (FileChannel leaked = FileChannel.open(Path.of("/dev/null"))) {
            assertThatThrownBy(() -> before.assertNothingLeaked("the test", Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the test leaked")
                    .hasMessageContaining("-> /dev/null");
        }
        before.assertNothingLeaked("the test", Duration.ofMillis(200));
    }

    @Test
    void everyAreaOfBothKitsIsChecked() {
        Class<?>[] areas = Stream.of(ReactorTestKit.class, PollerTestKit.class)
                .flatMap(kit -> Arrays.stream(kit.getDeclaredClasses()))
                .filter(area -> AnnotationSupport.isAnnotated(area, Nested.class))
                .toArray(Class<?>[]::new);
        assertThat(areas).hasSizeGreaterThan(10);
        for (Class<?> area : areas) {
            assertThat(AnnotationSupport.findRepeatableAnnotations(area, ExtendWith.class))
                    .as("extensions of %s", area.getName())
                    .anySatisfy(extendWith -> assertThat(extendWith.value()).contains(DescriptorLeakCheck.class));
        }
    }
}
