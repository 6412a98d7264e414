package dev.sluice.api.codec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParquetEncoderTest {

    @Test
    void withoutTheParquetArtifactLoadingNamesTheDependencyToAdd() {
        // sluice-api's own test classpath has no implementation, as a Kafka-to-Kafka user's has none
        assertThatThrownBy(ParquetEncoder::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add the dependency dev.sluice:sluice-parquet");
    }

    @Test
    void aClassLoaderThatCannotSeeTheImplementationGetsTheSameError() {
        ClassLoader bootstrapOnly = new ClassLoader(null) { };
        assertThatThrownBy(() -> ParquetEncoder.load(bootstrapOnly)).hasMessageContaining(ParquetEncoder.ARTIFACT);
    }
}
