package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.codec.AvroCodec;
import dev.sluice.api.codec.Codec;
import dev.sluice.api.testing.Order;
import dev.sluice.formats.RegistryConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    private final Codec<Order> codec = AvroCodec.specific(Order.class);

    @Test
    void badSourceConfigurationNamesTheField() {
        assertThatThrownBy(() -> KafkaSource.of(codec).withBootstrapServers("").withGroupId("g").withTopics("t")).hasMessageContaining("bootstrapServers must not be blank");
        assertThatThrownBy(() -> KafkaSource.of(codec).withTopics("t", " ")).hasMessageContaining("topic must not be blank");
        assertThatThrownBy(() -> KafkaSource.of(codec).withBootstrapServers("localhost:9092").withGroupId(" ").withTopics("t")).hasMessageContaining("groupId must not be blank");
        assertThatThrownBy(() -> KafkaSource.of(null).withBootstrapServers("localhost:9092").withGroupId("g").withTopics("t")).hasMessage("codec must not be null");
        assertThatThrownBy(() -> KafkaSource.of(codec).withBootstrapServers("localhost:9092").withGroupId("g").withTopics("t").withProperty("x", null)).hasMessage("property x must not be null");
    }

    @Test
    void aSourceOrDeadLetterTopicMissingANameIsRefusedNamingItBeforeAnyClientStarts() {
        KafkaSource<Order> named = KafkaSource.of(codec).withBootstrapServers("b:9092").withGroupId("g").withTopics("t");
        assertThat(named.groupId()).isEqualTo("g");
        assertThat(named.topics()).containsExactly("t");
        assertThatThrownBy(() -> KafkaSource.of(codec).withGroupId("g").withTopics("t").createReader(null))
                .hasMessageContaining("bootstrapServers not set");
        assertThatThrownBy(() -> KafkaSource.of(codec).withBootstrapServers("b:9092").withTopics("t").createReader(null))
                .hasMessageContaining("groupId not set");
        assertThatThrownBy(() -> KafkaSource.of(codec).withBootstrapServers("b:9092").withGroupId("g").createReader(null))
                .hasMessageContaining("no topic named");
        assertThatThrownBy(() -> DeadLetterTopic.named("t-dlq").withBootstrapServers("b:9092").open())
                .hasMessage("dead-letter topic t-dlq: pipeline not set (withPipeline)");
        assertThatThrownBy(() -> DeadLetterTopic.named("t-dlq").withPipeline("p").open())
                .hasMessageContaining("bootstrapServers not set");
        assertThat(DeadLetterTopic.named("t-dlq").withProducerProperty("sasl.jaas.config", "password=hunter2").toString())
                .contains("sasl.jaas.config").doesNotContain("hunter2");
    }

    @Test
    void badSinkConfigurationNamesTheField() {
        assertThatThrownBy(() -> KafkaSink.of(codec).withBootstrapServers("localhost:9092").withTopic("")).hasMessageContaining("topic must not be blank");
        assertThatThrownBy(() -> KafkaSink.of(codec).withBootstrapServers("localhost:9092").withTopic("t").withProperty("acks", "1").withTransactionalIdPrefix("tx"))
                .hasMessageContaining("acks=1 cannot be used with transactions");
    }

    @Test
    void toStringNeverShowsPropertyValuesOrSecrets() {
        KafkaSource<Order> s = KafkaSource.of(codec).withBootstrapServers("b:9092").withGroupId("g").withTopics("t").withProperty("sasl.jaas.config", "password=hunter2");
        assertThat(s.toString()).doesNotContain("hunter2").contains("sasl.jaas.config");
        KafkaSink<Order> k = KafkaSink.of(codec).withBootstrapServers("b:9092").withTopic("t").withProperty("ssl.key.password", "hunter2");
        assertThat(k.toString()).doesNotContain("hunter2");
        assertThat(RegistryConfig.of("http://r:8080").withBasicAuth("u:hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void sourceDescribesItsDatasetsForLineage() {
        KafkaSource<Order> s = new KafkaSource<>("b:9092", "g", List.of("a", "b"), codec, Map.of(), true, Order.getClassSchema());
        assertThat(s.datasets()).extracting(d -> d.name()).containsExactly("a", "b");
        assertThat(s.datasets().get(0).schema()).isEqualTo(Order.getClassSchema());
    }

    @Test
    void registryConfigRefusesNonHttpUrls() {
        assertThatThrownBy(() -> RegistryConfig.of("ftp://r")).hasMessage("registry url must be http or https, got ftp://r");
        assertThatThrownBy(() -> RegistryConfig.of("http://r").withBasicAuth("nocolon")).hasMessage("registry basicAuth must be user:password");
    }
}
