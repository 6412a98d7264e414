package dev.sluice.catalog.datahub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embedded.KafkaService;
import dev.sluice.embedded.SchemaRegistryService;
import dev.sluice.formats.ConfluentAvroCodec;
import dev.sluice.testkit.ServiceExtension;
import dev.sluice.testkit.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proposals on DataHub's MCP topic in Confluent Avro through a real registry, read back with the registry's schema. */
class KafkaEmitterIT {

    @RegisterExtension
    static final ServiceExtension<KafkaService> KAFKA = ServiceExtension.kafka();
    @RegisterExtension
    static final ServiceExtension<SchemaRegistryService> REGISTRY = ServiceExtension.schemaRegistry();

    @Test
    void everyProposalLandsOnTheMcpTopicInOrderPerEntity() {
        String topic = KafkaEmitter.DEFAULT_TOPIC;
        KAFKA.get().createTopic(topic, 3);
        List<Proposal> proposals = GraphProposalsTest.threeStage();
        try (KafkaEmitter emitter = new KafkaEmitter(KAFKA.get().bootstrapServers(), REGISTRY.get().client(), topic, Map.of())) {
            emitter.emit(proposals);
        }
        ConfluentAvroCodec<GenericRecord> reader = ConfluentAvroCodec.generic(REGISTRY.get().client(), topic + "-value", KafkaEmitter.SCHEMA);
        List<ConsumerRecord<byte[], byte[]>> records = Topics.read(KAFKA.get(), topic, proposals.size(), Duration.ofSeconds(30));
        assertThat(records).hasSize(proposals.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            GenericRecord mcp = reader.decode(r.value());
            String urn = mcp.get("entityUrn").toString();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(urn);
            // the n-th record of an entity on its partition is that entity's n-th proposal
            List<Proposal> ofEntity = proposals.stream().filter(p -> p.entityUrn().equals(urn)).toList();
            long before = records.stream().filter(o -> o.partition() == r.partition() && o.offset() < r.offset()
                    && new String(o.key(), StandardCharsets.UTF_8).equals(urn)).count();
            Proposal expected = ofEntity.get((int) before);
            assertThat(mcp.get("aspectName").toString()).isEqualTo(expected.aspectName());
            assertThat(mcp.get("changeType").toString()).isEqualTo(expected.changeType().name());
            GenericRecord aspect = (GenericRecord) mcp.get("aspect");
            assertThat(aspect.get("contentType").toString()).isEqualTo(expected.contentType());
            assertThat(StandardCharsets.UTF_8.decode((ByteBuffer) aspect.get("value")).toString()).isEqualTo(expected.aspectJson());
        }
    }
}
